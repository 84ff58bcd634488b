// node build/rspack.mjs <input> <outDir> [no-maps]: TypeScript through the builtin swc loader, output CommonJS.
import path from 'node:path'
import { rspack } from '@rspack/core'
import errorweave from 'errorweave/rspack'

const [input, outDir, maps] = process.argv.slice(2)
const withMaps = maps !== 'no-maps'
const compiler = rspack({
  mode: 'production',
  context: process.cwd(),
  entry: `./${input}`,
  target: 'node',
  devtool: withMaps && 'source-map',
  output: { path: path.resolve(outDir), filename: '[name].cjs' },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'builtin:swc-loader',
        options: { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } },
        type: 'javascript/auto',
      },
    ],
  },
  optimization: { minimize: false },
  plugins: [errorweave()],
})
const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))))
await new Promise((resolve) => compiler.close(resolve))
console.warn(stats.toString({ all: false, errors: true, warnings: true }))
if (stats.hasErrors()) process.exitCode = 1
