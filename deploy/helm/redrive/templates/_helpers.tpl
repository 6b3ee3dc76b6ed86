{{/* Names, labels and the checks every render runs. */}}

{{- define "redrive.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "redrive.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "redrive.selectorLabels" -}}
app.kubernetes.io/name: {{ include "redrive.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "redrive.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "redrive.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "redrive.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "redrive.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The ConfigMap holding clusters.yaml, when there is one. */}}
{{- define "redrive.configMapName" -}}
{{- default (printf "%s-config" (include "redrive.fullname" .)) .Values.clusterConfig.existingConfigMap -}}
{{- end -}}

{{- define "redrive.hasClusterConfig" -}}
{{- if or .Values.clusterConfig.existingConfigMap .Values.clusterConfig.clusters -}}true{{- end -}}
{{- end -}}

{{/* REDRIVE_PUBLIC_URL: as given, else the first Ingress host (https when it has TLS). */}}
{{- define "redrive.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{- .Values.publicUrl -}}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts -}}
{{- $host := (first .Values.ingress.hosts).host -}}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.ingress.tls) 0)) $host -}}
{{- end -}}
{{- end -}}

{{/*
What the chart refuses to render. PGlite is one process's store (a lock file says which), so several replicas need
PostgreSQL; and every replica must sign sessions with the same key, or a session made on one fails on the next.
*/}}
{{- define "redrive.validate" -}}
{{- $replicas := int .Values.replicaCount -}}
{{- if and (gt $replicas 1) (not .Values.database.existingSecret) -}}
{{- fail (printf "replicaCount is %d but database.existingSecret is empty: the embedded PGlite store serves one process only. Set database.existingSecret (a Secret with DATABASE_URL) or replicaCount: 1." $replicas) -}}
{{- end -}}
{{- if and (gt $replicas 1) (not .Values.auth.existingSecret) -}}
{{- fail (printf "replicaCount is %d but auth.existingSecret is empty: every replica must sign sessions with the same REDRIVE_AUTH_SECRET. Create a Secret with a 32+ character key and name it in auth.existingSecret." $replicas) -}}
{{- end -}}
{{- if and .Values.persistence.enabled .Values.database.existingSecret -}}
{{- fail "persistence.enabled keeps the embedded PGlite store; with database.existingSecret the store is PostgreSQL. Turn one off." -}}
{{- end -}}
{{- if and .Values.kafka.sasl.mechanism (not .Values.kafka.sasl.existingSecret) -}}
{{- fail "kafka.sasl.mechanism is set but kafka.sasl.existingSecret is empty: name the Secret with the SASL username and password." -}}
{{- end -}}
{{- if and .Values.metrics.serviceMonitor.enabled (not .Values.metrics.listen.enabled) (not .Values.metrics.serviceMonitor.tokenSecret.name) -}}
{{- fail "metrics.serviceMonitor needs metrics.listen.enabled (GET /metrics without a token) or metrics.serviceMonitor.tokenSecret.name (a viewer token for /api/metrics)." -}}
{{- end -}}
{{- if lt (int .Values.terminationGracePeriodSeconds) 30 -}}
{{- fail "terminationGracePeriodSeconds must be at least 30: the server drains for up to 25 s after SIGTERM." -}}
{{- end -}}
{{- end -}}
