"""Issue, rotate or revoke a credential of the Guichet EDI, in the name of an account allowed to
(``habilitations.rights.may_manage_edi_credentials``: the office, the company's GAMMA
administrator, a superuser). The token is printed once; only its SHA-256 is kept.

    manage.py edi_credential create --provider 44306184100047 --by agent.paris --label "ERP"
    manage.py edi_credential create --operator 732829320 --by marie
    manage.py edi_credential rotate edi_0123456789abcdef --by marie
    manage.py edi_credential revoke edi_0123456789abcdef --by marie
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from edi import credentials
from edi.models import Credential
from register.models import Operator


class Command(BaseCommand):
    help = "Crée, renouvelle ou révoque un identifiant du Guichet EDI."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="créer un identifiant")
        holder = create.add_mutually_exclusive_group(required=True)
        holder.add_argument("--operator", metavar="SIREN", help="l'opérateur, pour son propre logiciel")
        holder.add_argument("--provider", metavar="SIRET", help="le prestataire EDI, tel que l'adhésion le nomme")
        create.add_argument("--label", default="", help="libellé (logiciel, usage)")
        create.add_argument("--by", required=True, metavar="IDENTIFIANT", help="le compte qui le crée")
        for name, text in (("rotate", "renouveler le secret"), ("revoke", "révoquer")):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("client_id")
            sub.add_argument("--by", required=True, metavar="IDENTIFIANT", help="le compte qui agit")

    def handle(self, *args, action: str, by: str, **options):
        actor = get_user_model().objects.filter(username=by.lower()).first()
        if actor is None:
            raise CommandError(f"Aucun compte « {by} ».")
        try:
            if action == "create":
                issued = self._create(actor, options)
            else:
                credential = Credential.objects.filter(client_id=options["client_id"]).first()
                if credential is None:
                    raise CommandError(f"Aucun identifiant EDI « {options['client_id']} ».")
                if action == "revoke":
                    credentials.revoke(actor=actor, credential=credential)
                    self.stdout.write(f"Identifiant EDI {credential.client_id} révoqué.")
                    return
                issued = credentials.rotate(actor=actor, credential=credential)
        except credentials.CredentialError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"Identifiant client : {issued.credential.client_id}")
        self.stdout.write(f"Jeton (affiché une seule fois) : {issued.token}")
        self.stdout.write(f"En-tête : Authorization: Bearer {issued.token}")

    def _create(self, actor, options) -> credentials.Issued:
        if options["operator"]:
            operator = Operator.objects.filter(siren=options["operator"]).first()
            if operator is None:
                raise CommandError(f"Aucun opérateur de SIREN « {options['operator']} » dans le référentiel.")
            return credentials.issue(actor=actor, operator=operator, label=options["label"])
        return credentials.issue(actor=actor, provider_siret=options["provider"], label=options["label"])
