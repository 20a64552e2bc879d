{{- define "infra.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: dangjian
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* A managed role (libs/kit/src/db/provision.ts): never superuser, never bypassing row-level security. */}}
{{- define "infra.role" -}}
- name: {{ .name }}
  ensure: present
  login: true
  superuser: false
  createdb: false
  createrole: false
  replication: false
  bypassrls: false
  inherit: {{ .inherit }}
  connectionLimit: -1
  passwordSecret:
    name: {{ .secret }}
{{- end -}}
