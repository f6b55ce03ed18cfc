"""A local SMTP server for tests: accepts every message and writes it to OUTDIR/N.eml.

Usage: python3 smtp_sink.py OUTDIR
Prints the port it listens on (127.0.0.1, chosen by the system) as its first line.
Uses the standard library's smtpd (Python 3.11), so nothing needs installing.
"""
import asyncore
import os
import sys
import warnings

warnings.simplefilter("ignore", DeprecationWarning)
import smtpd  # noqa: E402


class Sink(smtpd.SMTPServer):
    count = 0

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        Sink.count += 1
        body = data if isinstance(data, bytes) else data.encode()
        envelope = f"X-Envelope-From: {mailfrom}\r\nX-Envelope-To: {','.join(rcpttos)}\r\n".encode()
        path = os.path.join(sys.argv[1], f"{Sink.count}.eml")
        with open(path + ".part", "wb") as f:
            f.write(envelope + body)
        os.replace(path + ".part", path)


server = Sink(("127.0.0.1", 0), None, decode_data=False)
print(server.socket.getsockname()[1], flush=True)
asyncore.loop()
