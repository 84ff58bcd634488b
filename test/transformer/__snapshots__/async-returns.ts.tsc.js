import * as __ew from "errorweave";
var __ew_T = __ew.table("[3,\"test/transformer/fixtures/async-returns.ts\",[[\"fetchRecord()\",4,10,\"fetchRecord\"]],[[null,\"load\",2,23,[[1,3,1],[0,15],[1,3]]],[null,\"loadArrow\",6,26,[[0,48]]],[null,\"loadAwaited\",3,23,[[1,3]]]],1]");
var __ew_W = __ew.watchers(__ew_T, [[0, 3], [1, 1]]);
/** @ErrorMonitor */
export async function load(id) {
    let __ew_s = 1;
    try {
        if (id < 0) {
            __ew_s = 2;
            return 'none';
        }
        __ew_s = 3;
        return __ew.watch(fetchRecord(id), __ew_W, 0);
    }
    catch (__ew_e) {
        __ew.capture(__ew_e, __ew_T, 0, __ew_s);
        throw __ew_e;
    }
}
/** @ErrorMonitor */
export const loadArrow = async (id) => {
    try {
        return __ew.watch(fetchRecord(id)
        /** @ErrorMonitor */
        , __ew_W, 1);
    }
    catch (__ew_e) {
        __ew.capture(__ew_e, __ew_T, 1, 1);
        throw __ew_e;
    }
};
/** @ErrorMonitor */
export async function loadAwaited(id) {
    try {
        return await fetchRecord(id);
    }
    catch (__ew_e) {
        __ew.capture(__ew_e, __ew_T, 2, 1);
        throw __ew_e;
    }
}
async function fetchRecord(id) {
    await null;
    if (id === 13)
        throw new Error(`record ${id} is cursed`);
    return { id };
}
export async function scenario() {
    const order = [];
    const settle = (p) => p.then((v) => JSON.stringify(v), (e) => e.message);
    const ticks = Promise.resolve()
        .then(() => order.push('tick 1'))
        .then(() => order.push('tick 2'))
        .then(() => order.push('tick 3'))
        .then(() => order.push('tick 4'));
    const results = [
        load(1).then((v) => (order.push('load'), v)),
        settle(load(13)),
        settle(load(-1)),
        settle(loadArrow(13)),
        settle(loadAwaited(13)),
    ];
    const values = await Promise.all(results);
    await ticks;
    return { values, order };
}
// A promise returned without await rejects outside the catch block: it is watched, and
// its timing (the order against other microtasks) stays as it was.
export const expectedReports = [
    { method: 'load', line: 4, message: 'Error: record 13 is cursed' },
    { method: 'loadArrow', line: 8 },
    { method: 'loadAwaited', line: 12 },
];
