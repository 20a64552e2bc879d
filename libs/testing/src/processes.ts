// The process helpers live once, in libs/processes; tests keep importing them from here.
export {
  freePort,
  run,
  spawnNatsServer,
  startProcess,
  tcpAnswers,
  waitForHttp,
  type ManagedProcess,
} from '@dangjian/processes';
