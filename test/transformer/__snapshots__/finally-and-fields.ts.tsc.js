import * as __ew from "errorweave";
var __ew_T = __ew.table("[3,\"test/transformer/fixtures/finally-and-fields.ts\",[[\"decline()\",8,5,\"decline\"],[\"cleanup()\",2,5,\"cleanup\"],[\"log.push()\",1,5,\"log.\"]],[[null,\"pay\",6,17,[[1,3,0,-1],[1,5,2,4],[2,5,4],[1,5],[2,3]]],[\"Handlers\",\"handle\",20,12,[[0,31]],\"ERROR\",\"field arrow\"]],3]");
import { ErrorMonitor } from 'errorweave';
const log = [];
/** @ErrorMonitor */
export function pay(amount) {
    let __ew_s = 1;
    try {
        try {
            __ew_s = 2;
            decline(amount);
        }
        finally {
            const __ew_f = __ew_s;
            __ew_s = 3;
            cleanup();
            __ew_s++;
            log.push('cleaned');
            __ew_s = __ew_f;
        }
        __ew_s = 5;
        return amount;
    }
    catch (__ew_e) {
        __ew.capture(__ew_e, __ew_T, 0, __ew_s);
        throw __ew_e;
    }
}
function decline(amount) {
    if (amount > 100)
        throw new Error(`declined ${amount}`);
}
function cleanup() {
    log.push('cleanup');
}
export class Handlers {
    handle = (input) => {
        try {
            return JSON.parse(input);
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 1, 1);
            throw __ew_e;
        }
    };
}
export async function scenario() {
    const outcomes = [pay(5)];
    for (const run of [() => pay(500), () => new Handlers().handle('{')]) {
        try {
            outcomes.push(run());
        }
        catch (error) {
            outcomes.push(error.constructor.name);
        }
    }
    return { outcomes, log };
}
// An error passing through a finally block keeps the line of the statement that threw.
export const expectedReports = [
    { method: 'pay', line: 8, message: 'Error: declined 500' },
    { class: 'Handlers', method: 'handle', line: 26, comment: 'field arrow', errorType: 'SyntaxError' },
];
