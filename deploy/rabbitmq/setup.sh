#!/bin/sh
# The broker's vhost, user and policies for ProDou@ne (idempotent: run it again after a change).
#   RABBITMQ_VHOST (default prodouane), RABBITMQ_USER (default prodouane), RABBITMQ_PASSWORD
#   (required unless the user exists; use a generated secret kept in /etc/prodouane/env's
#   CELERY_BROKER_URL=amqp://prodouane:<password>@rabbit:5672/prodouane).
# Locally (`make prod-local`): RABBITMQ_USER=guest, the vhost prodouane_local, no password change.
set -eu
VHOST="${RABBITMQ_VHOST:-prodouane}"
USER_NAME="${RABBITMQ_USER:-prodouane}"
CTL="${RABBITMQCTL:-rabbitmqctl}"

if ! $CTL -q list_vhosts | grep -qx "$VHOST"; then
  # New queues are quorum queues unless declared otherwise (Celery declares them quorum anyway).
  $CTL add_vhost "$VHOST" --description "ProDou@ne: Celery broker" --default-queue-type quorum
fi

if ! $CTL -q list_users | cut -f1 | grep -qx "$USER_NAME"; then
  : "${RABBITMQ_PASSWORD:?RABBITMQ_PASSWORD is required to create the user $USER_NAME}"
  $CTL add_user "$USER_NAME" "$RABBITMQ_PASSWORD"
elif [ -n "${RABBITMQ_PASSWORD:-}" ]; then
  $CTL change_password "$USER_NAME" "$RABBITMQ_PASSWORD"
fi
# Configure, write, read: everything in its own vhost, nothing elsewhere.
$CTL set_permissions -p "$VHOST" "$USER_NAME" ".*" ".*" ".*"

# Quorum queues: a message redelivered 20 times (a task that kills its worker each time) is
# dropped instead of looping for ever; its outbox row stays pending and beat's sweep hands it out
# again later, or shows it as failed. (Classic queues ignore delivery-limit.)
$CTL set_policy -p "$VHOST" --apply-to queues prodouane-quorum "^(mail|edi|pdf|reports)$" '{"delivery-limit": 20}'
# Celery's event and reply queues (classic, transient) do not pile up when nobody listens.
$CTL set_policy -p "$VHOST" --apply-to queues --priority 1 prodouane-transient "^(celeryev\\..*|.*\\.reply\\.celery\\.pidbox)$" \
  '{"expires": 3600000, "message-ttl": 60000}'
echo "RabbitMQ: vhost $VHOST, user $USER_NAME and policies in place"
