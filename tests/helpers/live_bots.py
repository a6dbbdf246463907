"""Headless teams in threads of the test process, playing through the real client: many
teams without a Python start-up each."""

import threading
from dataclasses import dataclass, field

from game.live import bot
from game.live.client import TeamClient
from game.policies import POLICIES


@dataclass
class Bots:
    results: dict[str, bot.BotResult] = field(default_factory=dict)
    errors: list[BaseException] = field(default_factory=list)
    threads: list[threading.Thread] = field(default_factory=list)
    clients: dict[str, TeamClient] = field(default_factory=dict)

    def join(self, timeout: float = 240.0) -> None:
        for thread in self.threads:
            thread.join(timeout)
        assert not any(t.is_alive() for t in self.threads), "a bot did not finish"
        assert not self.errors, self.errors


def start_bots(url: str, code: str, teams: dict[str, str], pace: float = 0.0) -> Bots:
    """One thread per team (name -> policy), joined in order, then playing at once."""
    bots = Bots()
    sessions = {}
    for name in teams:
        client = TeamClient(url, timeout=10.0, retries=4, backoff=0.2)
        sessions[name] = bot.join(client, code, name)
        bots.clients[name] = client

    def play(name: str) -> None:
        try:
            policy = POLICIES[teams[name]]
            bots.results[name] = bot.play(bots.clients[name], sessions[name], policy, pace)
        except BaseException as exc:  # reported by join()
            bots.errors.append(exc)

    for name in teams:
        thread = threading.Thread(target=play, args=(name,), daemon=True)
        bots.threads.append(thread)
        thread.start()
    return bots
