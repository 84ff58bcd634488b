import * as __ew from "errorweave";
var __ew_T = __ew.table("[3,\"test/transformer/fixtures/derived-constructor.ts\",[[\"new RangeError()\",16,25]],[[\"Derived\",\"constructor\",12,3,[[3,5,1],[1,5,1],[0,19]]]],1]");
import { ErrorMonitor } from 'errorweave';
class Base {
    name;
    constructor(name) {
        this.name = name;
        if (!name)
            throw new Error('base needs a name');
    }
}
export class Derived extends Base {
    size;
    upper;
    constructor(name, size) {
        'use strict';
        super(name);
        this.size = size;
        let __ew_s = 1;
        try {
            this.upper = name.toUpperCase();
            __ew_s++;
            if (size < 0) {
                __ew_s = 3;
                throw new RangeError('negative size');
            }
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 0, __ew_s);
            throw __ew_e;
        }
    }
}
export async function scenario() {
    const made = new Derived('a', 1);
    const outcomes = [];
    for (const args of [['b', -1], ['', 1]]) {
        try {
            new Derived(...args);
        }
        catch (error) {
            outcomes.push(error.message);
        }
    }
    return { made: [made.name, made.upper, made.size, made instanceof Base], outcomes };
}
// The root super() stays outside the try: an error inside it is not reported.
export const expectedReports = [{ class: 'Derived', method: 'constructor', line: 16, errorType: 'RangeError' }];
