// Stands in for qs in lambkin's bundle. express loads it at start for its 'extended' query
// parser and body-parser for extended urlencoded bodies; lambkin uses neither (API Gateway
// events carry the raw query string, parsed by lambkin's own code), and qs with its
// dependencies was a tenth of the bundle and several milliseconds of every start.
'use strict';
function refuse() {
  throw new Error("lambkin's bundle has no qs: use express's 'simple' query parser");
}
module.exports = { parse: refuse, stringify: refuse };
