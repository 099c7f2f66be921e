"""Settings of the ProDou@ne portal, read from the environment.

Laptop defaults need nothing: SQLite in ``var/``, mails written to ``var/mail/``.
``PRODOUANE_ENV=production`` switches to the hardened mode checked by ``check --deploy``;
it then requires ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

from pathlib import Path

import csp.constants as csp
import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from prodouane.env import env_bool, env_int, env_list, env_networks, env_rate, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PRODOUANE_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = env_str("PRODOUANE_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(f"PRODOUANE_ENV={ENVIRONMENT!r}: use development or production.")
PRODUCTION = ENVIRONMENT == "production"

# Which instance this is (issue 14): the real service, or « GAMMA FORMATION », the test and training
# one (``portal.instance``: banner, watermark, numbers that cannot be mistaken for real ones).
INSTANCE = env_str("PRODOUANE_INSTANCE", "principale")
if INSTANCE not in {"principale", "formation"}:
    raise ImproperlyConfigured(f"PRODOUANE_INSTANCE={INSTANCE!r}: use principale or formation.")
TRAINING = INSTANCE == "formation"

DEBUG = env_bool("DEBUG", not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
else:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-never-used-in-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "dsfr",
    "widget_tweaks",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "accounts",
    "register",
    "portal",
    "mail",
    "habilitations",
    "emcs",
    "gamma",
    "fallback",
    "edi",
    "training",
    "eu",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.UserSessionsMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.known_devices.KnownDeviceMiddleware",
    "accounts.middleware.PrivateCacheMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: the 404 page it gives is rendered for the logged-in user, with the headers above.
    "prodouane.middleware.RejectControlCharactersInPathMiddleware",
]

if PRODUCTION:
    # Static files served by the application itself, compressed and cache-busted.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "prodouane.urls"
WSGI_APPLICATION = "prodouane.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the SIRENE import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
# Cache: allauth's rate limits (failed logins, resets) live here; production shares them between
# workers through Redis (REDIS_URL), a laptop keeps them in memory.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
elif PRODUCTION:
    raise ImproperlyConfigured("REDIS_URL is required in production: rate limits must be shared by all workers.")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Addresses (or networks) of the proxies in front of the application, the load balancer first:
# only a request coming from one of them has its client read from X-Forwarded-For
# (prodouane.client_ip). Empty: the peer address is the client, the header is ignored.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES", "")

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = [
    "accounts.hashers.CappedArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
# How many password hashes one process computes at once (the others wait their turn).
PASSWORD_HASHING_CONCURRENCY = env_int("PASSWORD_HASHING_CONCURRENCY", 1)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:personal_space"
LOGOUT_REDIRECT_URL = "portal:home"

# django-allauth: accounts log in with their identifiant; the registration and activation of the
# seed are ours (accounts.services), allauth does login, rate limits, password reset and change,
# e-mail change, TOTP with recovery codes and the list of one's sessions.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # the new address replaces the old one only once verified
ACCOUNT_EMAIL_NOTIFICATIONS = True  # the old address is told of a change
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ProDou@ne] "
ACCOUNT_RATE_LIMITS = {
    # Failed logins, per IP and per identifiant typed (whether the account exists or not).
    "login_failed": env_rate("RATE_LIMIT_LOGIN_FAILED", "20/m/ip,5/15m/key"),
    # Failed logins typed on a device where that identifiant logged in before (a signed "known
    # device" cookie): counted apart, per identifiant and device, so that an attacker's failures
    # never lock the owner out of their usual browser (accounts.known_devices).
    "login_failed_known_device": env_rate("RATE_LIMIT_LOGIN_FAILED_KNOWN_DEVICE", "20/m/ip,5/15m/key"),
    # Every login attempt, per IP (allauth's default; a company behind one address shares it).
    "login": env_rate("RATE_LIMIT_LOGIN", "30/m/ip"),
    "reset_password": "20/m/ip,3/10m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    # Ours: registration forms submitted per IP, registrations mailed per address (an activation
    # link, or "you already have an account"), the registration form's "Tester" and the
    # activation link resend.
    "registration": env_rate("RATE_LIMIT_REGISTRATION", "20/h/ip"),
    "registration_mail": env_rate("RATE_LIMIT_REGISTRATION_MAIL", "3/h/key"),
    "test_email": "20/h/ip,3/10m/key",
    "resend_activation": "20/h/ip,3/10m/key",
    # Messages sent to the Guichet EDI per credential (the key is its client id): 429 beyond.
    "edi": env_rate("RATE_LIMIT_EDI", "1200/m/key"),
    # The Guichet EDI's sandbox validator: messages tested per IP address.
    "edi_sandbox": env_rate("RATE_LIMIT_EDI_SANDBOX", "30/m/ip,300/h/ip"),
    # « Envoyer un événement de test » of the EDI notifications: the portal posts to an address
    # someone typed, so not as often as one clicks.
    "edi_webhook_test": env_rate("RATE_LIMIT_EDI_WEBHOOK_TEST", "5/m/user,30/h/user"),
    # A draft's trader filled from the register by its excise number (button or JSON), per user:
    # as often as one types numbers, never as fast as a script reading the register through.
    "register_fill": env_rate("RATE_LIMIT_REGISTER_FILL", "30/m/user,300/h/user"),
    # The public check page of a printed document (its QR code), per IP address: a roadside check
    # or a depot's scans, never enough to try codes at random (100 bits each).
    "verify": env_rate("RATE_LIMIT_VERIFY", "30/m/ip,300/h/ip"),
}
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
}
MFA_ADAPTER = "accounts.adapter.MFAAdapter"  # TOTP secrets and recovery codes encrypted at rest
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ProDou@ne"
MFA_TOTP_TOLERANCE = 1  # one 30-second step either side: phones whose clock drifts a little
USERSESSIONS_TRACK_ACTIVITY = True

ACTIVATION_LINK_VALIDITY_HOURS = env_int("ACTIVATION_LINK_VALIDITY_HOURS", 48)
UNACTIVATED_ACCOUNT_RETENTION_DAYS = env_int("UNACTIVATED_ACCOUNT_RETENTION_DAYS", 30)
# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_ABSOLUTE_TIMEOUT
# seconds after login whatever happens.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 10 * 3600)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Mail: files you can open on a laptop, SMTP in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
# The development mailbox page lists every queued message (never in production).
DEV_MAILBOX = not PRODUCTION
# The display name quoted: unquoted, its « @ » makes the SMTP backend refuse every message.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", '"ProDou@ne" <ne-pas-repondre@douane.gouv.fr>')

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
CSRF_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp): scripts, styles, fonts and images from the portal itself
# only (no inline script or style anywhere in the templates), data: images for the TOTP QR code;
# no plugin, no framing, forms posted to the portal only. A browser test fails on any violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}
# A form refused by the CSRF check gets a French page saying why and what to do.
CSRF_FAILURE_VIEW = "www.portal.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# The load balancer's health check reaches the application over plain HTTP behind the proxy:
# answered there rather than redirected to HTTPS (it carries no data and sets no cookie).
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # 404 and 410 are ordinary answers of the look-ups (unknown or closed SIRET): only errors here.
    "loggers": {"django.request": {"level": env_str("REQUEST_LOG_LEVEL", "ERROR")}},
}

# EMCS message schemas (XSD V3.23) and code lists shipped with the code.
EMCS_SCHEMA_DIR = BASE_DIR / "emcs" / "schemas"
EMCS_CODELISTS_FILE = BASE_DIR / "emcs" / "data" / "codelists.json"

# Fallback procedure: days after the end of an alert or authorisation for a paper document to be
# re-entered in GAMMA before it is marked late (`manage.py flag_late_fallback_documents`, daily).
FALLBACK_REGULARISATION_DELAY_DAYS = env_int("FALLBACK_REGULARISATION_DELAY_DAYS", 3)

# The portal's own address as the outside world reaches it: the EDI notifications (webhooks) give
# each message's URL from it.
PORTAL_PUBLIC_URL = env_str(
    "PORTAL_PUBLIC_URL", "https://prodouane.douane.gouv.fr" if PRODUCTION else "http://127.0.0.1:8000"
)
# EDI notifications (edi.webhooks): HTTPS only; an address that resolves to a private, loopback or
# link-local network is refused (SSRF) unless allowed here, which only a laptop or the tests do.
EDI_WEBHOOK_ALLOW_PRIVATE = env_bool("EDI_WEBHOOK_ALLOW_PRIVATE", DEBUG)
# A CA bundle to check the receivers' certificates with ("" = the system's, through certifi).
EDI_WEBHOOK_CA_FILE = env_str("EDI_WEBHOOK_CA_FILE", "")

# Portal identity shown in the header and page titles.
PORTAL_NAME = "PRODOU@NE"
PORTAL_TAGLINE = "La Douane au service des professionnels"
HELPDESK_PHONE = env_str("HELPDESK_PHONE", "0 800 94 40 40")
HELPDESK_EMAIL = env_str("HELPDESK_EMAIL", "assistance-prodouane@douane.finances.gouv.fr")
HELPDESK_HOURS = env_str("HELPDESK_HOURS", "du lundi au vendredi de 8 h à 19 h")

# Exchanges with the other member states (``eu``, README « Échanges avec les autres États membres »):
# ``simulator`` (development, tests, training) or ``real`` (the CCN/CSI connection, ``eu/real.py``,
# not built: it refuses to start). The simulator answers an IE801 after a delay, and refuses the
# receipt for the consignees listed (excise numbers).
# Unset: ``eu.gateway.default_name`` chooses (the simulator, except in production outside the training
# instance, as ``portal.instance`` says).
EU_GATEWAY = env_str("EU_GATEWAY", "")
if EU_GATEWAY not in {"", "simulator", "real"}:
    raise ImproperlyConfigured(f"EU_GATEWAY={EU_GATEWAY!r}: use simulator or real.")
EU_SIMULATOR_DELAY_SECONDS = env_int("EU_SIMULATOR_DELAY_SECONDS", 60)
EU_SIMULATOR_REFUSED_CONSIGNEES = env_list("EU_SIMULATOR_REFUSED_CONSIGNEES")

# --- Production processes (issue 13) ---
# PostgreSQL: every connection gets a statement and a lock time limit (a runaway query or a query
# queued behind a lock fails in seconds instead of holding a gunicorn thread), and an idle-in-
# transaction limit (a worker stuck between two statements releases its locks). Migrations run as
# their own step with no statement limit (deploy/migrate.sh). Django's psycopg pool (DATABASE_POOL,
# on in production) keeps the connections of a process open and shares them among its threads;
# a pool needs CONN_MAX_AGE=0 (the pool, not Django, keeps the connections), so
# DATABASE_CONN_MAX_AGE only counts without it.
DATABASE_POOL = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _database_options = DATABASES["default"].setdefault("OPTIONS", {})
    DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 15000)
    DATABASE_LOCK_TIMEOUT_MS = env_int("DATABASE_LOCK_TIMEOUT_MS", 5000)
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = env_int("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", 60000)
    _database_options["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS} -c lock_timeout={DATABASE_LOCK_TIMEOUT_MS}"
        f" -c idle_in_transaction_session_timeout={DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS}"
    )
    DATABASE_POOL = env_bool("DATABASE_POOL", PRODUCTION)
    if DATABASE_POOL:
        # max_size: one connection per gunicorn thread (gunicorn.conf.py, 16) is enough; a thread
        # that finds none free waits `timeout` seconds, then gets an error page.
        _database_options["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", 2),
            "max_size": env_int("DATABASE_POOL_MAX", 16),
            "timeout": env_int("DATABASE_POOL_TIMEOUT", 10),
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
elif env_bool("DATABASE_POOL", False):
    raise ImproperlyConfigured("DATABASE_POOL=1 needs PostgreSQL (DATABASE_URL=postgres://…).")

# Redis fails safe (prodouane/cache.py): when it does not answer (short socket timeouts), each
# process keeps its rate limits in its own memory for a few seconds and the portal keeps serving.
if REDIS_URL:
    CACHES["default"]["BACKEND"] = "prodouane.cache.FailSafeRedisCache"

# --- Celery (issue 13) ---
# The task queue (``prodouane.celery.app``, ``celery -A prodouane worker|beat``): the outboxes (mails,
# EDI notifications, exchanges with the other member states) are handed to it after commit and
# swept every minute by beat; the daily jobs run under beat too. No broker (the default: ``make
# run``, the tests) => the tasks run in the process, at once (eager). Production:
# ``CELERY_BROKER_URL=amqp://guest:guest@127.0.0.1:5672//`` (RabbitMQ).
from celery.schedules import crontab  # noqa: E402
from kombu import Exchange as _CeleryExchange  # noqa: E402
from kombu import Queue as _CeleryQueue  # noqa: E402

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Eager: a task's error is logged and kept on its row (the outbox retries it), never raised into the
# request that committed the change.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True  # no result backend: the database rows are the results
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Paris"
CELERY_ENABLE_UTC = True
# RabbitMQ: durable quorum queues (replicated, no global QoS: Celery sees them and uses a per
# consumer prefetch, ``worker_detect_quorum_queues``; a countdown/ETA goes through Celery's native
# delayed delivery, which needs topic exchanges), publisher confirms, a task acknowledged once done
# and given back to the queue if its worker dies; one task at a time per worker process.
CELERY_TASK_QUEUE_NAMES = ("mail", "edi", "pdf", "reports")
CELERY_TASK_QUEUES = tuple(
    _CeleryQueue(
        name,
        _CeleryExchange(name, type="topic", durable=True),  # topic: RabbitMQ's native delayed delivery
        routing_key=name,
        durable=True,
        queue_arguments={"x-queue-type": "quorum"},
    )
    for name in CELERY_TASK_QUEUE_NAMES
)
CELERY_TASK_DEFAULT_QUEUE = "reports"
CELERY_TASK_DEFAULT_EXCHANGE = "reports"
CELERY_TASK_DEFAULT_ROUTING_KEY = "reports"
CELERY_TASK_DEFAULT_QUEUE_TYPE = "quorum"
CELERY_TASK_CREATE_MISSING_QUEUE_TYPE = "quorum"
CELERY_WORKER_DETECT_QUORUM_QUEUES = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"confirm_publish": True}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that commits while the broker is down waits at most ~1 s before giving up the publish
# (the row stays pending; the sweep sends it).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_ROUTES = {
    "mail.*": {"queue": "mail"},
    "edi.*": {"queue": "edi"},
    "eu.*": {"queue": "edi"},
    "reports.*": {"queue": "reports"},
    "pdf.*": {"queue": "pdf"},
}
CELERY_BEAT_SCHEDULE = {
    "mail-outbox-sweep": {"task": "mail.sweep_outbox", "schedule": 60.0},
    "edi-webhooks-sweep": {"task": "edi.sweep_webhooks", "schedule": 60.0},
    "eu-outbox-sweep": {"task": "eu.sweep_outbox", "schedule": 60.0},
    "eu-simulator-answers": {"task": "eu.run_simulator", "schedule": 60.0},
    "purge-unactivated-accounts": {
        "task": "reports.purge_unactivated_accounts",
        "schedule": crontab(hour=3, minute=0),
    },
    "remind-overdue-receipts": {"task": "reports.remind_overdue_receipts", "schedule": crontab(hour=6, minute=0)},
    "flag-late-fallback-documents": {
        "task": "reports.flag_late_fallback_documents",
        "schedule": crontab(hour=6, minute=30),
    },
}

# --- Observation (issue 13) ---
# Request id (prodouane.request_id): first of all, so that every log line of the request carries
# it; then the metrics (prodouane.metrics), timing everything behind them.
MIDDLEWARE.insert(0, "prodouane.request_id.RequestIdMiddleware")
MIDDLEWARE.insert(1, "prodouane.metrics.MetricsMiddleware")
# /sante/pret/ and /metrics are answered over plain HTTP too, like /sante/ (the load balancer and
# Prometheus reach the application behind the proxy).
SECURE_REDIRECT_EXEMPT = [*SECURE_REDIRECT_EXEMPT, r"^sante/pret/$", r"^metrics$"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails the request (503 page, /sante/pret/) within seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
# /metrics: from these networks (the client address as prodouane.client_ip reads it), or with
# « Authorization: Bearer <METRICS_TOKEN> »; anyone else gets a 404.
METRICS_ALLOWED_NETWORKS = env_networks("METRICS_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128")
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
# Logs: one JSON object per line in production (time, level, logger, message, request_id, and the
# access log's method, path, status, duration_ms, view), a readable line in development.
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or text.")
LOGGING = {
    **LOGGING,
    "filters": {
        "request_id": {"()": "prodouane.request_id.RequestIdFilter"},
        "redact_paths": {"()": "prodouane.logs.RedactPathsFilter"},
    },
    "formatters": {
        "json": {"()": "prodouane.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id", "redact_paths"],
        }
    },
    "loggers": {
        **LOGGING["loggers"],
        # One line per request (prodouane.request_id); ACCESS_LOG_LEVEL=WARNING silences it.
        "prodouane.access": {"level": env_str("ACCESS_LOG_LEVEL", "INFO")},
    },
}
