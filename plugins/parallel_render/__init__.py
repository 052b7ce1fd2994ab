from .parallel_render import *  # noqa: F401,F403
