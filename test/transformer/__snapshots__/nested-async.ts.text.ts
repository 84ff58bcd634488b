import * as __ew from "errorweave";var __ew_T = __ew.table("[3,\"test/transformer/fixtures/nested-async.ts\",[[\"new Error()\",7,30],[\"this.repository.save()\",11,25],[\"this.publish()\",1,5,\"Service.\"]],[[\"Repository\",\"save\",5,9,[[1,5,1],[1,5,1],[0,24],[1,5]]],[\"Service\",\"create\",11,9,[[1,5,2,4],[1,5,4],[1,5],[1,5]],\"WARN\"]],2]");var __ew_W = __ew.watchers(__ew_T, [[0,4],[1,4]]);import { ErrorMonitor } from 'errorweave'

export class Repository {
  ;
  async save(record: { id: number }) {let __ew_s = 1; try {
    await Promise.resolve();__ew_s++; 
    if (record.id < 0) { __ew_s = 3; throw new Error(`cannot save ${record.id}`) };__ew_s = 4; 
    return __ew.watch((record.id), __ew_W, 0)
  } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 0, __ew_s); throw __ew_e; }}
}

export class Service {
  constructor(private readonly repository: Repository) {}

  ;
  async create(id: number) {let __ew_s = 1; try {
    const record = { id };__ew_s++; 
    const saved = await this.repository.save(record);__ew_s++; 
    this.publish(saved);__ew_s++; 
    return __ew.watch((saved), __ew_W, 1)
  } catch (__ew_e) { __ew.capture(__ew_e, __ew_T, 1, __ew_s); throw __ew_e; }}

  publish(id: number) {
    return id
  }
}

export async function scenario() {
  const service = new Service(new Repository())
  const ok = await service.create(1)
  const error = await service.create(-1).catch((e: Error) => e.message)
  return { ok, error }
}

// One report across await: the innermost function is the location, the outer one a chain entry.
export const expectedReports = [
  {
    class: 'Repository',
    method: 'save',
    line: 7,
    severity: 'ERROR',
    caller: { function: 'Service.create', line: 18 },
    chain: [{ class: 'Service', method: 'create', line: 18 }],
  },
]
