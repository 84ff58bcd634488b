import { spawn } from 'node:child_process'

/**
 * Runs `node script ...args` and parses the last stdout line as JSON: benchmarks that
 * need a clean process (another Node version, peak memory, a cold build) report this way.
 */
export function runJson(script, args = [], { node = process.execPath, nodeArgs = [], cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [...nodeArgs, script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? ''
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}\n${stderr}${stdout}`))
      try {
        resolve(JSON.parse(last))
      } catch {
        reject(new Error(`${script} ${args.join(' ')} printed no JSON result\n${stderr}${stdout}`))
      }
    })
  })
}

/** For a child script: print the result as the last line. */
export function reply(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
