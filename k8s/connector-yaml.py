#!/usr/bin/env python3
"""Prints the Strimzi KafkaConnector for a Kafka Connect REST-format connector file.

    python3 k8s/connector-yaml.py infra/debezium/ticket-service.json > k8s/base/kafka/connector-ticket-service.yaml

The JSON in infra/debezium/ stays the source of truth; this only changes its shape (k8s/README.md).
Standard library only.
"""
import json
import sys

src = sys.argv[1]
with open(src) as f:
    connector = json.load(f)
config = dict(connector["config"])
print(f"""# GENERATED from {src}, the source of truth (also used by ./crm up and
# docker-compose.yml). Do not edit here: change the JSON and regenerate (k8s/README.md).
# Mapping: metadata.name = "name", spec.class = "connector.class", spec.tasksMax = "tasks.max",
# spec.config = the rest of "config", unchanged (${{env:...}} resolves against the Connect worker's env).
apiVersion: kafka.strimzi.io/v1
kind: KafkaConnector
metadata:
  name: {connector["name"]}
  labels:
    strimzi.io/cluster: crm-connect
spec:
  class: {config.pop("connector.class")}
  tasksMax: {int(config.pop("tasks.max", "1"))}
  state: running
  autoRestart:
    enabled: true
  config:""")
for key, value in config.items():
    print(f"    {key}: {json.dumps(value)}")
