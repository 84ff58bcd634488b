import * as __ew from "errorweave";
var __ew_T = __ew.table("[3,\"test/transformer/fixtures/jsdoc-functions.ts\",[[\"new TypeError()\",23,38]],[[null,\"parse\",2,17,[[1,3],[1,3]],\"INFO\",\"plain function\"],[null,\"handler\",6,24,[[1,3],[1,3]]],[null,\"expression\",6,27,[[0,42]]],[null,\"named\",2,52,[[1,3]]],[null,\"api.get\",6,3,[[1,5,1],[0,32],[1,5]],\"ERROR\",\"object method\"]],1]");
var __ew_W = __ew.watchers(__ew_T, [[1, 2]]);
/** @ErrorMonitor({ severity: 'INFO', comment: 'plain function' }) */
export function parse(text) {
    let __ew_s = 1;
    try {
        const data = JSON.parse(text);
        __ew_s++;
        return data.value;
    }
    catch (__ew_e) {
        __ew.capture(__ew_e, __ew_T, 0, __ew_s);
        throw __ew_e;
    }
}
/** @ErrorMonitor */
export const handler = async (input) => {
    let __ew_s = 1;
    try {
        const id = input.id.toUpperCase();
        __ew_s++;
        return __ew.watch(id, __ew_W, 0);
    }
    catch (__ew_e) {
        __ew.capture(__ew_e, __ew_T, 1, __ew_s);
        throw __ew_e;
    }
};
/** @ErrorMonitor */
export const expression = (n) => {
    try {
        return n.toFixed(-1);
    }
    catch (__ew_e) {
        __ew.capture(__ew_e, __ew_T, 2, 1);
        throw __ew_e;
    }
};
export const named = /** @ErrorMonitor */ function named(list) {
    try {
        return list.map((n) => n.toFixed(-1));
    }
    catch (__ew_e) {
        __ew.capture(__ew_e, __ew_T, 3, 1);
        throw __ew_e;
    }
};
export const api = {
    /** @ErrorMonitor({ comment: 'object method' }) */
    get(path) {
        let __ew_s = 1;
        try {
            if (!path.startsWith('/')) {
                __ew_s = 2;
                throw new TypeError(`bad path ${path}`);
            }
            __ew_s = 3;
            return path;
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 4, __ew_s);
            throw __ew_e;
        }
    },
};
/** @NoErrorMonitor */
export function excluded() {
    throw new Error('excluded');
}
async function settle(fn) {
    try {
        return { value: await fn() };
    }
    catch (error) {
        return { error: error.constructor.name };
    }
}
export async function scenario() {
    return [
        await settle(() => parse('{"value": 1}')),
        await settle(() => parse('{')),
        await settle(() => handler({ id: 'a' })),
        await settle(() => handler({})),
        await settle(() => expression(1)),
        await settle(() => named([1])),
        await settle(() => api.get('x')),
        await settle(() => excluded()),
        parse.name,
        parse.length,
        handler.name,
    ];
}
export const expectedReports = [
    { class: null, method: 'parse', line: 3, column: 3, severity: 'INFO', comment: 'plain function', errorType: 'SyntaxError' },
    { class: null, method: 'handler', line: 9, severity: 'ERROR', comment: null },
    { class: null, method: 'expression', line: 14 },
    { class: null, method: 'named', line: 17 },
    { class: null, method: 'api.get', line: 23, comment: 'object method', errorType: 'TypeError' },
];
