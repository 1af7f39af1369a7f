{{- define "probity.name" -}}probity-{{ .Values.force.id }}{{- end -}}
{{- define "probity.namespace" -}}{{ .Values.temporal.namespace | default (printf "probity-%s" .Values.force.id) }}{{- end -}}
{{- define "probity.topicPrefix" -}}{{ .Values.kafka.topicPrefix | default (printf "%s." .Values.force.id) }}{{- end -}}
{{- define "probity.groupPrefix" -}}{{ .Values.kafka.groupPrefix | default (printf "%s." .Values.force.id) }}{{- end -}}
{{- define "probity.secretName" -}}{{ .Values.secrets.existingSecret | default (printf "%s-secrets" (include "probity.name" .)) }}{{- end -}}
{{- define "probity.labels" -}}
app.kubernetes.io/part-of: probity
app.kubernetes.io/instance: {{ .Release.Name }}
probity.police.uk/force: {{ .Values.force.id | quote }}
{{- end -}}
{{- define "probity.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .name }}
{{- end -}}
{{/* The environment every Probity container gets: the ConfigMap, the Secret, Temporal's client certificate. */}}
{{- define "probity.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "probity.name" . }}-config
  - secretRef:
      name: {{ include "probity.secretName" . }}
{{- end -}}
{{- define "probity.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 1000
  runAsGroup: 1000
  fsGroup: 1000
  seccompProfile:
    type: RuntimeDefault
{{- end -}}
{{- define "probity.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities:
    drop: ["ALL"]
{{- end -}}
{{- define "probity.volumeMounts" -}}
volumeMounts:
  - name: temporal-tls
    mountPath: /etc/temporal/tls
    readOnly: true
  - name: tmp
    mountPath: /tmp
{{- end -}}
{{- define "probity.volumes" -}}
volumes:
  - name: temporal-tls
    secret:
      secretName: {{ .Values.temporal.tlsSecret }}
  - name: tmp
    emptyDir: {}
{{- end -}}
