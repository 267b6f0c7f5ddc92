-- wrk script for the mixed write scenario (bench/PeerCircle.Bench.Pages). Run with as many threads as
-- connections: each thread is one signed-in member on one connection, so its requests go strictly one
-- after another: post a reply in their thread, book a seat in their session, cancel it, and again. The
-- writers share out the writers' group's threads and a few of its sessions (4 members to a session). A member
-- who holds a seat when the run starts (left by the warm-up) starts with its cancellation.
-- Success is the app's redirect (302) back to the page of the form; anything else is counted as a failure. done() prints, per
-- member, what succeeded, so the bench can compare it with the rows in the database.
local writers = { --WRITERS-- }
local ops = { "reply", "book", "cancel" }
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  me = writers[((id - 1) % #writers) + 1]
  paths = {
    reply = "/Groups/Board/Thread/" .. me.thread .. "?handler=Reply",
    book = "/Sessions/Details/" .. me.session .. "?handler=Book",
    cancel = "/Sessions/Details/" .. me.session .. "?handler=Cancel",
  }
  expected = { reply = "/Groups/Board/Thread/" .. me.thread, book = "/Sessions/Details/" .. me.session, cancel = "/Sessions/Details/" .. me.session }
  step = me.holds and 2 or 0
  posted = 0
  ok_reply, ok_book, ok_cancel, failed = 0, 0, 0, 0
  last_seat = me.holds and "book" or "none"
  op = "reply"
  answered = 1
  first_failure = ""
end

-- The next step only once the last one was answered: wrk calls request() once more than it sends, on its first
-- thread, to check the script before the run. Advancing on that call skipped that member's first step, and a member
-- who started by cancelling then booked a seat they still held ("You already have a seat": one failed write in
-- some runs until 7 December).
function request()
  if answered == 1 then
    step = step + 1
    answered = 0
    op = ops[((step - 1) % 3) + 1]
    if op == "reply" then
      posted = posted + 1
    end
  end
  local body = "__RequestVerificationToken=" .. me.token
  if op == "reply" then
    body = body .. "&Reply.Text=Bench+reply+" .. id .. "-" .. posted .. "&Reply.Audience=Group&Reply.Byline=Pseudonym"
  end
  return wrk.format("POST", paths[op], { ["Cookie"] = me.cookie, ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  answered = 1
  local location = headers["Location"] or ""
  -- Done means redirected back to the page the form was on (not to sign-in or an error page).
  if status == 302 and string.find(location, expected[op], 1, true) then
    if op == "reply" then
      ok_reply = ok_reply + 1
    elseif op == "book" then
      ok_book = ok_book + 1
      last_seat = "book"
    else
      ok_cancel = ok_cancel + 1
      last_seat = "cancel"
    end
  else
    failed = failed + 1
    if first_failure == "" then
      first_failure = op .. ":" .. status .. ":" .. location
    end
  end
end

function done(summary, latency, requests)
  io.write(string.format("PERCENTILES %d %d %d %d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
  for _, t in ipairs(threads) do
    io.write(string.format("WRITER %d %d %d %d %d %s %d %s\n", t:get("id"), t:get("ok_reply"), t:get("ok_book"),
      t:get("ok_cancel"), t:get("failed"), t:get("last_seat"), t:get("answered"), t:get("op")))
    if t:get("first_failure") ~= "" then
      io.write("FAILURE " .. t:get("id") .. " " .. t:get("first_failure") .. "\n")
    end
  end
end
