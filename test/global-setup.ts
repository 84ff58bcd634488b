import { existsSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'

const TMP = path.resolve('.tmp')

/**
 * Fixtures import 'errorweave' like users do: link the package into its own node_modules.
 * At the end of the run, the test processes' scratch directories go (helpers/weave.ts).
 */
export default function setup(): () => void {
  const link = path.resolve('node_modules/errorweave')
  if (!existsSync(link)) symlinkSync('..', link, 'dir')
  return () => {
    if (!existsSync(TMP)) return
    for (const name of readdirSync(TMP)) if (name.startsWith('scratch-')) rmSync(path.join(TMP, name), { recursive: true, force: true })
  }
}
