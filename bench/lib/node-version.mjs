/** Child process: the version of the Node that runs it, for a table's caption. */
import { reply } from './child.mjs'

reply({ version: process.version })
