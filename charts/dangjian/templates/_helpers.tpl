{{/* Names, labels and the pieces every workload shares. */}}

{{- define "dangjian.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* dict "root" $ "component" "identity" */}}
{{- define "dangjian.labels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: dangjian
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "dangjian.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "dangjian.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .component (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* The settings of one service: serviceDefaults overlaid with services.<name>. */}}
{{- define "dangjian.service" -}}
{{- $own := index .root.Values.services .component | default dict -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy $own)) -}}
{{- end -}}

{{- define "dangjian.issuer" -}}
{{- if eq .Values.identityProvider.kind "keycloak" -}}
{{- printf "%s/realms/%s" (trimSuffix "/" .Values.identityProvider.keycloak.url) .Values.identityProvider.keycloak.realm -}}
{{- else -}}
{{- printf "%s/realms/dangjian" (include "dangjian.publicUrl" .) -}}
{{- end -}}
{{- end -}}

{{/* What every process reads (libs/kit/src/config sharedConfig). */}}
{{- define "dangjian.commonEnv" -}}
- name: NATS_URL
  value: {{ .root.Values.nats.url | quote }}
- name: PLATFORM_NAMESPACE
  value: {{ .root.Values.platformNamespace | quote }}
- name: NODE_ENV
  value: production
- name: LOG_LEVEL
  value: {{ .root.Values.logLevel | quote }}
- name: JETSTREAM_REPLICAS
  value: {{ .root.Values.nats.streamReplicas | quote }}
- name: SERVICE_NAME
  value: {{ .component | quote }}
{{- with include "dangjian.otlpEndpoint" .root }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* A role's URL from its basic-auth Secret: Kubernetes expands $(VAR) from the variables before it. */}}
{{- define "dangjian.cnpgRoleUrl" -}}
{{- $pg := .root.Values.postgres.cloudnativepg -}}
{{- $var := printf "PG_%s_PASSWORD" (upper .role) -}}
- name: {{ $var }}
  valueFrom:
    secretKeyRef:
      name: {{ printf "%s%s-%s" $pg.roleSecretPrefix .component .suffix }}
      key: password
- name: {{ .name }}
  value: {{ printf "postgresql://%s:$(%s)@%s-rw:%d/%s_%s" .role $var $pg.clusterName (int $pg.port) $pg.databasePrefix .component | quote }}
{{- end -}}

{{/* The service's connections: its own role and its outbox relay's (never the owner's). */}}
{{- define "dangjian.databaseEnv" -}}
{{- if eq .root.Values.postgres.mode "cloudnativepg" -}}
{{ include "dangjian.cnpgRoleUrl" (dict "root" .root "component" .component "role" (printf "%s_app" .component) "suffix" "app" "name" "DATABASE_URL") }}
{{ include "dangjian.cnpgRoleUrl" (dict "root" .root "component" .component "role" (printf "%s_outbox" .component) "suffix" "outbox" "name" "OUTBOX_DATABASE_URL") }}
{{- else -}}
{{- range list "DATABASE_URL" "OUTBOX_DATABASE_URL" }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ printf "%s%s" $.root.Values.postgres.external.secretPrefix $.component }}
      key: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}

{{/* The owner's connection, for the migration Job only. */}}
{{- define "dangjian.migrationEnv" -}}
{{- if eq .root.Values.postgres.mode "cloudnativepg" -}}
{{ include "dangjian.cnpgRoleUrl" (dict "root" .root "component" .component "role" (printf "%s_owner" .component) "suffix" "owner" "name" "MIGRATION_DATABASE_URL") }}
{{- else -}}
- name: MIGRATION_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ printf "%s%s" .root.Values.postgres.external.secretPrefix .component }}
      key: MIGRATION_DATABASE_URL
{{- end -}}
{{- end -}}

{{- define "dangjian.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Read-only root filesystem: the only writable place is an emptyDir at /tmp. */}}
{{- define "dangjian.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end -}}

{{- define "dangjian.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{- define "dangjian.publicUrl" -}}
{{- .Values.publicUrl | default (printf "https://%s" .Values.baseDomain) | trimSuffix "/" -}}
{{- end -}}

{{- define "dangjian.otlpEndpoint" -}}
{{- if .Values.otlpEndpoint -}}
{{- .Values.otlpEndpoint -}}
{{- else if .Values.observability.collector.enabled -}}
{{- printf "http://%s-otel-collector:4318" (include "dangjian.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Prometheus reads these pods' /metrics (annotations for scrapers that use them). */}}
{{- define "dangjian.scrapeAnnotations" -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /metrics
{{- end -}}
