import * as __ew from "errorweave";
var __ew_T = __ew.table("[3,\"test/transformer/fixtures/class-level.ts\",[[\"this.audit()\",15,5,\"BillingService.\"],[\"this.fee()\",1,20,\"BillingService.\"]],[[\"BillingService\",\"fee\",6,18,[[0,38]],\"WARN\",\"billing path\"],[\"BillingService\",\"constructor\",2,3,[[1,5]],\"WARN\",\"billing path\"],[\"BillingService\",\"charge\",5,3,[[1,5,0,2],[1,5,2],[1,5]],\"ERROR\",\"billing path\",true],[\"BillingService\",\"price\",6,3,[[1,5]],\"WARN\",\"billing path\"],[\"BillingService\",\"audit\",4,3,[[1,5]],\"WARN\",\"billing path\"]],2]");
import { ErrorMonitor, NoErrorMonitor, Severity } from 'errorweave';
export class BillingService {
    rate;
    static created = 0;
    fee = (amount) => {
        try {
            return amount * 0.1;
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 0, 1);
            throw __ew_e;
        }
    };
    constructor(rate) {
        this.rate = rate;
        try {
            BillingService.created++;
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 1, 1);
            throw __ew_e;
        }
    }
    charge(order) {
        let __ew_s = 1;
        try {
            const total = this.price(order);
            __ew_s++;
            this.audit(total);
            __ew_s++;
            return total + this.fee(total);
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 2, __ew_s);
            throw __ew_e;
        }
    }
    price(order) {
        try {
            return order.total * this.rate;
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 3, 1);
            throw __ew_e;
        }
    }
    audit(total) {
        try {
            return total;
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 4, 1);
            throw __ew_e;
        }
    }
    health() {
        throw new Error('not monitored');
    }
}
export async function scenario() {
    const service = new BillingService(2);
    const ok = service.charge({ total: 5 });
    let failure;
    try {
        service.charge(undefined);
    }
    catch (error) {
        failure = error.constructor.name;
    }
    let health;
    try {
        service.health();
    }
    catch (error) {
        health = error.message;
    }
    return { ok, failure, health, created: BillingService.created };
}
export const expectedReports = [
    {
        class: 'BillingService',
        method: 'price',
        line: 20,
        column: 5,
        severity: 'WARN',
        comment: 'billing path',
        errorType: 'TypeError',
        caller: { function: 'BillingService.charge', line: 14 },
        chain: [{ class: 'BillingService', method: 'charge', line: 14, futureCalls: ['this.audit()', 'this.fee()'] }],
    },
];
