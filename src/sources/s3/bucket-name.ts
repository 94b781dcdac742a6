/** S3's bucket naming rules, the ones a local folder name can break (3-63 characters, no `_`, ...). */

const BUCKET_NAME = /^(?!xn--)(?!.*\.\.)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The rule above in words, for messages about a name that breaks it. */
export const BUCKET_NAME_RULE = "3-63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit, no '..', not starting 'xn--' or ending '-s3alias'";

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}
