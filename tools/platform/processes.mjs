// The process helpers live once, in libs/testing (built); tools re-export them.
export { freePort, run, startProcess, tcpAnswers, waitForHttp } from '@dangjian/testing';
