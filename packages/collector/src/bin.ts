#!/usr/bin/env node
import { runCollector } from './cli.js'

process.exitCode = await runCollector(process.argv.slice(2))
