export { freePort, run, startProcess, tcpAnswers, waitForHttp, type ManagedProcess } from '@dangjian/processes';
