"""Join codes and the facilitator secret: generated with `secrets`, kept only as scrypt hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from game.i18n import _

# scrypt's cost: 16 MiB of memory a guess (n * r * 128 bytes), a few tens of milliseconds here.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
CODE_WORDS = 4
PASSPHRASE_MIN = 12
# An alphabet without look-alikes (no 0/o, 1/l/i): a code is read aloud and typed by hand.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_GROUP = 5


def new_code(groups: int = CODE_WORDS) -> str:
    """A random code like 'k7dxa-m3qpt-h8rwz-2nkcv': 4 groups of 5 from 31 letters, about 99 bits."""
    return "-".join("".join(secrets.choice(_ALPHABET) for __ in range(CODE_GROUP)) for __ in range(groups))


def normalise(code: str) -> str:
    """A code as typed: case, spaces and dashes do not matter."""
    return "".join(ch for ch in code.lower() if ch.isalnum())


@dataclass(frozen=True)
class Hashed:
    """A secret's salt and scrypt hash, as hex (what the session file keeps)."""

    salt: str
    digest: str

    @classmethod
    def of(cls, secret: str) -> Hashed:
        salt = secrets.token_bytes(SALT_BYTES)
        return cls(salt.hex(), _scrypt(secret, salt).hex())

    def matches(self, secret: str) -> bool:
        return hmac.compare_digest(_scrypt(secret, bytes.fromhex(self.salt)).hex(), self.digest)

    def __repr__(self) -> str:  # never print even the hash in a traceback's locals
        return "Hashed(...)"


def _scrypt(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        normalise(secret).encode("utf-8") if _looks_like_code(secret) else secret.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=64 * 1024 * 1024,
        dklen=32,
    )


def _looks_like_code(secret: str) -> bool:
    compact = normalise(secret)
    return len(compact) == CODE_WORDS * CODE_GROUP and all(ch in _ALPHABET for ch in compact)


def passphrase_problem(passphrase: str) -> str | None:
    """Why a facilitator's own passphrase is refused, or None."""
    if len(passphrase) < PASSPHRASE_MIN:
        return _("the passphrase needs at least {least} characters (it has {count})").format(
            least=PASSPHRASE_MIN, count=len(passphrase)
        )
    if len(set(passphrase)) < 5:
        return _("the passphrase repeats too few characters; use a few words")
    return None


@dataclass
class Attempts:
    """Wrong attempts by one client address: each doubles the wait before the next (1 s to 5 min)."""

    failures: int = 0
    blocked_until: float = 0.0


@dataclass
class RateLimiter:
    """Back-off on wrong codes, by client address and seat: a guess costs more every time."""

    first_wait: float = 1.0
    longest_wait: float = 300.0
    free_failures: int = 2
    _by_key: dict[tuple[str, str], Attempts] = field(default_factory=dict)

    def wait(self, who: str, what: str, now: float) -> float:
        """Seconds before `who` may try `what` again (0 when it may)."""
        attempts = self._by_key.get((who, what))
        return max(0.0, attempts.blocked_until - now) if attempts else 0.0

    def failed(self, who: str, what: str, now: float) -> float:
        """Record a wrong attempt; returns the wait it earned."""
        attempts = self._by_key.setdefault((who, what), Attempts())
        attempts.failures += 1
        over = attempts.failures - self.free_failures
        wait = 0.0 if over <= 0 else min(self.longest_wait, self.first_wait * 2 ** (over - 1))
        attempts.blocked_until = now + wait
        return wait

    def succeeded(self, who: str, what: str) -> None:
        self._by_key.pop((who, what), None)
