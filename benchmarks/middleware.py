"""Report each response's CPU time and query count in headers the page benchmark reads."""

import time

from django.db import connections


def measure(get_response):
    def middleware(request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        # A sync worker serves one request per thread: the thread's CPU time is this request's.
        started = time.thread_time()
        with connections["default"].execute_wrapper(count):
            response = get_response(request)
            if getattr(response, "streaming", False):
                # A streamed body runs its queries while it is read: read it here to count them.
                response.streaming_content = [b"".join(response.streaming_content)]
        response["X-Bench-CPU-ms"] = f"{(time.thread_time() - started) * 1000:.2f}"
        response["X-Bench-Queries"] = str(queries)
        return response

    return middleware
