#!/usr/bin/env python3
"""Projection lag, commit to queryable, measured against running services.

For each registration: POST it (the response arrives after the events committed and carries
KAT-Event-Position), then GET the registration from the projection service with minPosition,
which answers as soon as the projection has processed that position. Lag = time from the
command's response to the query's answer (it includes one HTTP round trip, measured separately
and printed). Commands are sent at a steady rate. Prints a JSON line with p50/p99 in ms.

usage: lag.py ENROLLMENT_URL PROJECTION_URL SERIES_ID COUNT RATE_PER_S LABEL
"""
import base64, json, os, sys, time, uuid, urllib.request, statistics

enroll, project, series, count, rate, label = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]

def auth(user, var):
    return "Basic " + base64.b64encode(f"{user}:{os.environ[var]}".encode()).decode()

FRONT_END = auth("frontend", "KAT_PASSWORD_FRONTEND")

def post(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", "Authorization": FRONT_END})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.headers, json.loads(r.read())

def get(url):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": FRONT_END}), timeout=30) as r:
        return r.status, json.loads(r.read())

def pct(xs, p):
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(round(p / 100.0 * len(xs) + 0.5)) - 1))
    return xs[k]

lags, rtts = [], []
interval = 1.0 / rate
start = time.perf_counter()
for i in range(count):
    due = start + i * interval
    now = time.perf_counter()
    if due > now:
        time.sleep(due - now)  # pacing the steady command rate
    email = f"lag-{label}-{uuid.uuid4().hex[:10]}@example.org"
    status, headers, body = post(f"{enroll}/api/series/{series}/registrations", {
        "clinician": {"fullName": "Bench", "email": email, "profession": "MD", "licenseNumber": "B1", "licenseState": "CA"},
        "ceOption": False, "payment": {"amountPaidCents": 100, "chargeReference": "ch_b", "processingFeeCents": 0}})
    committed = time.perf_counter()
    position = headers["KAT-Event-Position"]
    s, _ = get(f"{project}/api/registrations/{body['registrationId']}?minPosition={position}")
    answered = time.perf_counter()
    lags.append((answered - committed) * 1000)
    t0 = time.perf_counter()
    get(f"{project}/api/registrations/{body['registrationId']}")
    rtts.append((time.perf_counter() - t0) * 1000)

print(json.dumps({"label": label, "commands": count, "ratePerSecond": rate,
                  "lagMsP50": round(statistics.median(lags), 1), "lagMsP99": round(pct(lags, 99), 1),
                  "lagMsMax": round(max(lags), 1), "queryRoundTripMsP50": round(statistics.median(rtts), 1)}))
