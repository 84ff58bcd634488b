import * as __ew from "errorweave";
var __ew_T = __ew.table("[3,\"test/transformer/fixtures/method-kinds.ts\",[[\"new RangeError()\",10,21],[\"new Kinds()\",1,12,\"Kinds\"],[\"new Error()\",6,21],[\"new Error()\",7,11],[\"Promise.resolve()\",6,11],[\"new Error()\",1,11],[\"new Error()\",5,33],[\"new Error()\",6,25]],[[\"Kinds\",\"make\",9,10,[[1,5,1,3],[0,15,2],[1,5]]],[\"Kinds\",\"load\",6,9,[[1,5,5],[1,5,5],[0,15],[1,5]]],[\"Kinds\",\"numbers\",7,4,[[1,5,7],[0,37,7],[1,5]]],[\"Kinds\",\"stream\",6,10,[[1,5,8,10],[1,5,10],[1,5]]],[\"Kinds\",\"get value\",7,7,[[1,5,13],[0,27],[1,5]]],[\"Kinds\",\"set value\",6,7,[[1,5,15],[0,19],[1,5]]],[\"Kinds\",\"#hidden\",6,3,[[1,5]]],[\"Kinds\",\"[key]\",5,3,[[1,5]]]],2]");
import { ErrorMonitor } from 'errorweave';
const key = 'computed';
export class Kinds {
    #secret = 1;
    static make(fail) {
        let __ew_s = 1;
        try {
            if (fail) {
                __ew_s = 2;
                throw new RangeError('static');
            }
            __ew_s = 3;
            return new Kinds();
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 0, __ew_s);
            throw __ew_e;
        }
    }
    async load(fail) {
        let __ew_s = 1;
        try {
            await Promise.resolve();
            __ew_s++;
            if (fail) {
                __ew_s = 3;
                throw new Error('async');
            }
            __ew_s = 4;
            return 'loaded';
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 1, __ew_s);
            throw __ew_e;
        }
    }
    *numbers(limit) {
        let __ew_s = 1;
        try {
            for (let i = 0; (__ew_s = 1, i < limit); (__ew_s = 1, i++)) {
                __ew_s = 2;
                yield i;
            }
            __ew_s = 3;
            throw new Error('generator');
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 2, __ew_s);
            throw __ew_e;
        }
    }
    async *stream() {
        let __ew_s = 1;
        try {
            yield 1;
            __ew_s++;
            await Promise.resolve();
            __ew_s++;
            throw new Error('async generator');
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 3, __ew_s);
            throw __ew_e;
        }
    }
    get value() {
        let __ew_s = 1;
        try {
            if (this.#secret < 0) {
                __ew_s = 2;
                throw new Error('getter');
            }
            __ew_s = 3;
            return this.#secret;
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 4, __ew_s);
            throw __ew_e;
        }
    }
    set value(next) {
        let __ew_s = 1;
        try {
            if (next < 0) {
                __ew_s = 2;
                throw new Error('setter');
            }
            __ew_s = 3;
            this.#secret = next;
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 5, __ew_s);
            throw __ew_e;
        }
    }
    #hidden() {
        try {
            throw new Error('private');
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 6, 1);
            throw __ew_e;
        }
    }
    [key]() {
        try {
            return this.#hidden();
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 7, 1);
            throw __ew_e;
        }
    }
}
async function settle(fn) {
    try {
        return { value: await fn() };
    }
    catch (error) {
        return { error: error.message };
    }
}
export async function scenario() {
    const kinds = Kinds.make(false);
    const results = [
        await settle(() => Kinds.make(true)),
        await settle(() => kinds.load(false)),
        await settle(() => kinds.load(true)),
        await settle(() => [...kinds.numbers(2)]),
        await settle(async () => {
            const seen = [];
            for await (const n of kinds.stream())
                seen.push(n);
            return seen;
        }),
        await settle(() => kinds.value),
        await settle(() => {
            kinds.value = -1;
        }),
        await settle(() => kinds.computed()),
    ];
    return { results, names: [Kinds.make.name, kinds.load.name, Kinds.make.length] };
}
export const expectedReports = [
    { class: 'Kinds', method: 'make', line: 10, errorType: 'RangeError' },
    { class: 'Kinds', method: 'load', line: 17 },
    { class: 'Kinds', method: 'numbers', line: 24 },
    { class: 'Kinds', method: 'stream', line: 31 },
    { class: 'Kinds', method: 'set value', line: 42 },
    { class: 'Kinds', method: '#hidden', line: 48, chain: [{ class: 'Kinds', method: '[key]', line: 53 }] },
];
