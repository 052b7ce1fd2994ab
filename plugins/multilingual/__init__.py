from .multilingual import *  # noqa: F401,F403
