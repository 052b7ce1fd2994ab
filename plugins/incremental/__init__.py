from .incremental import *  # noqa: F401,F403
