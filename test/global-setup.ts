import { existsSync, symlinkSync } from 'node:fs'
import path from 'node:path'

/** Fixtures import 'errorweave' like users do: link the package into its own node_modules. */
export default function setup(): void {
  const link = path.resolve('node_modules/errorweave')
  if (!existsSync(link)) symlinkSync('..', link, 'dir')
}
