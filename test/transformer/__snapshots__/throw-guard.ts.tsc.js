import * as __ew from "errorweave";
var __ew_T = __ew.table("[3,\"test/transformer/fixtures/throw-guard.ts\",[[\"new NotFound()\",10,13,\"NotFound\"],[\"this.repo.audit()\",2,5],[\"this.repo.remove()\",1,5]],[[\"Users\",\"remove\",8,3,[[1,5,1,3,5],[1,7,2,4],[2,5,4],[1,5]],\"ERROR\",null,true]],3]");
import { ErrorMonitor } from 'errorweave';
// An error thrown on purpose: its report predicts what the guard skipped.
export class Users {
    repo;
    constructor(repo) {
        this.repo = repo;
    }
    remove(user) {
        let __ew_s = 1;
        try {
            if (!user) {
                __ew_s = 2;
                throw new NotFound('no user');
            }
            __ew_s = 3;
            this.repo.audit(user.id);
            __ew_s++;
            this.repo.remove(user.id);
        }
        catch (__ew_e) {
            __ew.capture(__ew_e, __ew_T, 0, __ew_s);
            throw __ew_e;
        }
    }
}
class NotFound extends Error {
}
export async function scenario() {
    const log = [];
    const users = new Users({ audit: (id) => log.push(`audit ${id}`), remove: (id) => log.push(`remove ${id}`) });
    users.remove({ id: 'a' });
    let failure = '';
    try {
        users.remove();
    }
    catch (error) {
        failure = error.message;
    }
    return { log, failure };
}
export const expectedReports = [
    {
        class: 'Users',
        method: 'remove',
        line: 10,
        futureCalls: ['this.repo.audit()', 'this.repo.remove()'],
        futureCallSites: [
            { call: 'this.repo.audit()', line: 12, conditional: false },
            { call: 'this.repo.remove()', line: 13, conditional: false },
        ],
    },
];
