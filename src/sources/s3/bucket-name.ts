/** S3's bucket naming rules, the ones a local folder name can break (3-63 characters, no `_`, ...). */

const BUCKET_NAME = /^(?!xn--)(?!.*\.\.)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}
