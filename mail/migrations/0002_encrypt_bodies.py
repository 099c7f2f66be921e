"""Mail bodies encrypted at rest: the rows written before are encrypted in place."""

from django.db import migrations

import mail.fields


def encrypt_existing(apps, schema_editor):
    OutboxMessage = apps.get_model("mail", "OutboxMessage")
    # The historical field reads legacy clear text as it is and encrypts it on save.
    for message in OutboxMessage.objects.only("pk", "body_text", "body_html").iterator():
        message.save(update_fields=["body_text", "body_html"])


def decrypt_existing(apps, schema_editor):
    OutboxMessage = apps.get_model("mail", "OutboxMessage")
    # The field still decrypts on read here; the clear text is written back past it, in SQL.
    table = OutboxMessage._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for message in OutboxMessage.objects.only("pk", "body_text", "body_html").iterator():
            cursor.execute(
                f"UPDATE {table} SET body_text = %s, body_html = %s WHERE id = %s",  # noqa: S608 - table name from the model
                [message.body_text, message.body_html, message.pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="outboxmessage",
            name="body_html",
            field=mail.fields.EncryptedTextField(blank=True, verbose_name="HTML"),
        ),
        migrations.AlterField(
            model_name="outboxmessage",
            name="body_text",
            field=mail.fields.EncryptedTextField(verbose_name="texte"),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
