"""The host's address on the room's network, its join code and its tokens.

The LAN address is found without sending a packet: `connect` on a UDP socket only
asks the kernel which interface would route to a private address, and
`getsockname` names it. A machine with no network falls back to loopback.
"""

import hashlib
import hmac
import secrets
import socket

LOOPBACK = "127.0.0.1"
# Letters and digits nobody mixes up when reading them off a projector (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6  # 31^6 ≈ 9·10^8, with the join rate limit far beyond guessing in a workshop


def lan_address(probe: str = "10.255.255.255") -> str:
    """The address other machines in the room reach this one at, or 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect((probe, 1))  # UDP: no packet is sent
            address = str(sock.getsockname()[0])
        except OSError:
            return LOOPBACK
    return address if address and address != "0.0.0.0" else LOOPBACK


def join_code() -> str:
    """A short code the facilitator reads out to the teams."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    """A secret a team or the facilitator proves who it is with (256 random bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What the store keeps of a token: a random 256-bit secret needs no slow hash."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def same_hash(a: str, b: str) -> bool:
    """Constant-time comparison, so a wrong token's timing tells nothing."""
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))


def normal_code(text: str) -> str:
    """A join code as typed ("abc 123", "abc-123") in its canonical form."""
    return "".join(ch for ch in text.upper() if ch.isalnum())
