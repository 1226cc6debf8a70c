"""Test doubles for Slack.

``FakeSlack`` (server.py, with its fault injection in faults.py and its read-back methods
in inspection.py) is a fake Web API on a real local port for slack_sdk's own ``WebClient``;
``SlackDriver`` (driver.py) sends the app signed events, slash commands and interactions
over real HTTP, as Slack does::

    with FakeSlack() as fake:
        fake.add_channel("CGENERAL", "general", is_member=True)
        client = WebClient(base_url=fake.api_url, token=fake.bot_token)
        driver = SlackDriver(app_url, signing_secret, fake=fake)
        msg, sent = driver.user_says("CGENERAL", "UALICE", "hello")
        assert fake.replies("CGENERAL", msg["ts"])[1]["user"] == fake.bot_user_id
"""

from tests.slackfake.driver import Sent, SlackDriver
from tests.slackfake.inspection import Call
from tests.slackfake.server import FakeSlack

__all__ = ["Call", "FakeSlack", "Sent", "SlackDriver"]
