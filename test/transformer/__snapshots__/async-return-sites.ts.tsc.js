import * as __ew from "errorweave";
var __ew_T = __ew.table("[3,\"test/transformer/fixtures/async-return-sites.ts\",[[\"failing()\",15,14,\"failing\"],[\"failing()\",4,16,\"failing\"],[\"failing()\",4,14,\"failing\"],[\"failing()\",8,53,\"failing\"]],[[\"Store\",\"find\",13,9,[[1,5,1,-2],[1,7],[2,5,3,5],[2,9],[3,5,4],[1,7],[2,7]]],[\"Store\",\"list\",17,9,[[1,5,7],[0,33,7],[0,46],[1,5]]],[null,\"count\",7,22,[[0,46]]]],3]");
var __ew_W = __ew.watchers(__ew_T, [[0, 2], [0, 4], [0, 6], [1, 3], [2, 1]]);
import { ErrorMonitor } from 'errorweave';
// Several returned promises per function and per module: each rejection must name its
// own function and return statement (the runtime keeps one handler per return site).
async function failing(tag) {
    await null;
    throw new Error(tag);
}
export class Store {
    async find(kind) {
        let __ew_s = 1;
        try {
            if (kind === 'a') {
                __ew_s = 2;
                return __ew.watch(failing('find a'), __ew_W, 0);
            }
            __ew_s = 3;
            switch (kind) {
                case 'b':
                    __ew_s = 4;
                    return __ew.watch(failing('find b'), __ew_W, 1);
                default:
            }
            __ew_s = 5;
            try {
                __ew_s = 6;
                return __ew.watch(failing('find c'), __ew_W, 2);
            }
            finally {
                const __ew_f = __ew_s;
                __ew_s = 7;
                void kind;
                __ew_s = __ew_f;
            }
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 0, __ew_s);
            throw __ew_e;
        }
    }
    async list(kind) {
        let __ew_s = 1;
        try {
            for (let i = 0; (__ew_s = 1, i < 2); (__ew_s = 1, i++)) {
                __ew_s = 2;
                if (i === 1) {
                    __ew_s = 3;
                    return __ew.watch(failing(`list ${kind}`), __ew_W, 3);
                }
            }
            __ew_s = 4;
            return 'empty';
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 1, __ew_s);
            throw __ew_e;
        }
    }
}
/** @ErrorMonitor */
export const count = async (kind) => {
    try {
        return __ew.watch(failing(`count ${kind}`), __ew_W, 4);
    }
    catch (__ew_e) {
        __ew.capture(__ew_e, __ew_T, 2, 1);
        throw __ew_e;
    }
};
export async function scenario() {
    const store = new Store();
    const settle = (p) => p.then((v) => v, (e) => e.message);
    return Promise.all([
        settle(store.find('a')),
        settle(store.find('b')),
        settle(store.find('c')),
        settle(store.list('x')),
        settle(count('y')),
        settle(store.find('a')),
    ]);
}
export const expectedReports = [
    { class: 'Store', method: 'find', line: 15, message: 'Error: find a' },
    { class: 'Store', method: 'find', line: 19, message: 'Error: find b' },
    { class: 'Store', method: 'find', line: 23, message: 'Error: find c' },
    { class: 'Store', method: 'list', line: 31, message: 'Error: list x' },
    { method: 'count', line: 37, message: 'Error: count y' },
    { class: 'Store', method: 'find', line: 15, message: 'Error: find a' },
];
