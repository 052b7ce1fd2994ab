from .translation_stubs import *  # noqa: F401,F403
