from .campaign_content import *  # noqa: F401,F403
