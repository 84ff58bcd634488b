#!/usr/bin/env node
// `npm test` runs this first: the browser tests drive Debian's chromium and the TLS tests
// make certificates with openssl, neither of which npm can install. As root with apt-get
// they are installed here; otherwise one line says what to install.
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import path from 'node:path'

const NEEDED = ['chromium', 'openssl']

const onPath = (command) =>
  (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK)
      return true
    } catch {
      return false
    }
  })

const missing = () => NEEDED.filter((command) => !onPath(command))

function aptGet(...args) {
  return spawnSync('apt-get', ['-qq', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0
}

let absent = missing()
if (absent.length > 0 && process.getuid?.() === 0 && onPath('apt-get')) {
  console.error(`npm test: installing ${absent.join(' and ')} with apt-get (the browser and TLS tests need them)`)
  if (aptGet('update')) aptGet('install', '-y', ...absent)
  absent = missing()
}
if (absent.length > 0) {
  console.error(`npm test needs ${absent.join(' and ')} on PATH (the browser and TLS tests use them): on Debian or Ubuntu, sudo apt-get install -y ${absent.join(' ')}`)
  process.exit(1)
}
