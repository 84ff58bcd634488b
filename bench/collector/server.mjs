// One server for the collector bench, in its own process as in production:
// `collector <db>` is @errorweave/collector on that database file; `bare` is the floor,
// a node:http server that reads each body and answers 202. Prints its URL.
import { createServer } from 'node:http'
import { startCollector } from '../../packages/collector/dist/index.js'

const [kind, db] = process.argv.slice(2)
if (kind === 'collector') {
  const collector = await startCollector({ port: 0, db, out: null, print: () => {} })
  console.log(collector.url)
  process.once('SIGTERM', () => collector.close().then(() => process.exit(0)))
} else {
  const server = createServer((request, response) => {
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'))
      response.writeHead(202, { 'content-type': 'application/json' })
      response.end('{"ok":true}')
    })
  })
  server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`))
  process.once('SIGTERM', () => server.close(() => process.exit(0)))
}
