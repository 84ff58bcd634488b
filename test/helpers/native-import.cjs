// Loaded with Node's own require, so this import() is Node's, not the test runner's:
// case modules then run exactly as Node runs them (no module rewriting), and
// 'errorweave' is the one runtime instance they all share.
module.exports = (specifier) => import(specifier)
