import { read } from './describe.js'
import type { Category } from './types.js'

/** Network resets, refusals and timeouts, DNS, and their undici (fetch) equivalents. */
const TRANSIENT_CODE = /^(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|EHOSTDOWN|ENETUNREACH|ENETDOWN|ENETRESET|UND_ERR_SOCKET|UND_ERR_\w*TIMEOUT|ERR_HTTP2_STREAM_ERROR|ERR_STREAM_PREMATURE_CLOSE)$/
/** The machine's resources; MySQL's and PostgreSQL's (SQLSTATE classes 08, 53, 57P0x) lost or refused connections. */
const SYSTEM_CODE = /^(EMFILE|ENFILE|ENOSPC|ENOMEM|EDQUOT|ERR_WORKER_OUT_OF_MEMORY|ERR_MEMORY_ALLOCATION_FAILED|PROTOCOL_CONNECTION_LOST|ER_CON_COUNT_ERROR|ER_OUT_OF_RESOURCES|08\w{3}|53\w{3}|57P0[1-3])$/
/** What database and broker clients throw when their connection fails. */
const SYSTEM_NAME = /Connection\w*Error$|^(MongoNetworkError|MongoServerSelectionError|MongoTopologyClosedError|PrismaClientInitializationError|KafkaJSBrokerNotFound|KafkaJSNumberOfRetriesExceeded)$|^(Redis|Amqp|Broker)\w*Error$/
const OUT_OF_MEMORY = /out of memory|allocation failed/i

/** The Node entry's rules (hooks.serverCategory): system first, so a database's refused connection is `system`, a bare ECONNREFUSED `transient`. */
export function serverCategory(error: unknown): Category | undefined {
  const code = read(error, 'code')
  const name = read(error, 'name')
  const message = read(error, 'message')
  if ((typeof code === 'string' && SYSTEM_CODE.test(code)) || (typeof name === 'string' && SYSTEM_NAME.test(name)) || (typeof message === 'string' && OUT_OF_MEMORY.test(message))) return 'system'
  if (typeof code === 'string' && TRANSIENT_CODE.test(code)) return 'transient'
  return undefined
}
