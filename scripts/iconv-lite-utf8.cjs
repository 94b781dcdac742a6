// Stands in for iconv-lite in lambkin's bundle. express pulls it in for body-parser's charset
// decoding, which lambkin never uses (it reads raw bodies only), and its tables were a quarter
// of the bundle's size and parse time at start. UTF-8 works; anything else says why it fails.
'use strict';
const UTF8 = /^utf-?8$/i;
function refuse(encoding) {
  throw new Error(`lambkin's bundle decodes utf-8 only, not ${encoding}`);
}
module.exports = {
  encodingExists: (encoding) => UTF8.test(encoding),
  getDecoder(encoding) {
    if (!UTF8.test(encoding)) refuse(encoding);
    const decoder = new TextDecoder('utf-8');
    return { write: (buffer) => decoder.decode(buffer, { stream: true }), end: () => decoder.decode() };
  },
  decode(buffer, encoding) {
    if (!UTF8.test(encoding)) refuse(encoding);
    return Buffer.from(buffer).toString('utf8');
  },
  encode(text, encoding) {
    if (!UTF8.test(encoding)) refuse(encoding);
    return Buffer.from(text, 'utf8');
  },
};
