// The process helpers live once, in libs/processes (plain JavaScript, nothing to build).
export { freePort, run, startProcess, tcpAnswers, waitForHttp } from '@dangjian/processes';
