// The live session room (Pages/Sessions/Room). Everything shown here comes from the server in the
// viewer's own view (RoomService decides who receives what); this script only draws it. Text is
// always set with textContent, never as HTML. No inline script or style: the CSP forbids both.
(function () {
    "use strict";

    const root = document.getElementById("room");
    if (!root || !window.signalR) {
        return;
    }

    const sessionId = root.dataset.sessionId;
    const isFacilitator = root.dataset.facilitator === "true";
    const zone = root.dataset.zone || undefined;
    const $ = (id) => document.getElementById(id);
    const messages = $("messages");
    const composer = $("composer");
    const text = $("message-text");
    const audience = $("message-audience");
    const anonymous = $("message-anonymous");
    const sendButton = $("send");
    const composerError = $("composer-error");
    const connectionBadge = $("room-connection");
    const banner = $("room-banner");
    const announcer = $("room-announcer");
    const stepOutButton = $("step-out");
    const steppedOut = $("stepped-out");
    const roomMain = $("room-main");
    const raiseHand = $("raise-hand");
    const pass = $("pass");

    let me = null;
    let state = null;
    let connected = false;

    // "18:05" in the person's own zone, as the server writes times (LocalTimeTagHelper: en-GB, HH:mm),
    // not the browser's locale ("06:05 PM"), so the room and the rest of the page agree.
    let timeFormat;
    try {
        timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone });
    } catch {
        timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    }

    const connection = new signalR.HubConnectionBuilder()
        .withUrl(root.dataset.hub)
        // Keep trying: 0, 2, 5, 10 s, then every 15 s. On reconnect the room is loaded again from the database.
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => [0, 2000, 5000, 10000][ctx.previousRetryCount] ?? 15000 })
        .build();

    function announce(message) {
        announcer.textContent = "";
        window.setTimeout(() => { announcer.textContent = message; }, 50);
    }

    function errorText(error) {
        const raw = (error && error.message) || "";
        // A HubException's message follows this prefix; anything else is a generic failure.
        const marker = "HubException: ";
        const at = raw.indexOf(marker);
        return at >= 0 ? raw.substring(at + marker.length) : "That didn't work. Please try again.";
    }

    async function call(method, ...args) {
        composerError.textContent = "";
        try {
            return await connection.invoke(method, sessionId, ...args);
        } catch (error) {
            // composer-error is role="alert": screen readers read it out once, without the announcer too.
            composerError.textContent = errorText(error);
            throw error;
        }
    }

    function quietly(promise) {
        promise.catch(() => { /* shown in composer-error already */ });
    }

    function nameOf(key) {
        const person = state && state.people.find((p) => p.key === key);
        return person ? person.name : "Someone";
    }

    // ----- messages -----

    function setConnected(value, label) {
        connected = value;
        connectionBadge.textContent = label;
        connectionBadge.className = "badge " + (value ? "text-bg-success" : "text-bg-warning");
        refreshControls();
    }

    // ariaLabel names the button for screen readers when its visible label alone is ambiguous
    // ("Mute" in a list of people); it starts with the visible label (WCAG 2.5.3, label in name).
    function button(label, className, onClick, ariaLabel) {
        const b = document.createElement("button");
        b.type = "button";
        b.className = className;
        b.textContent = label;
        if (ariaLabel) {
            b.setAttribute("aria-label", ariaLabel);
        }

        b.addEventListener("click", onClick);
        return b;
    }

    // The last view of each message drawn, so a "hidden" notice can redraw it without asking the server.
    const views = new Map();

    // A link that opens beside the room, so the facilitator keeps their place in it.
    function newTabLink(label, href, className, ariaLabel) {
        const a = document.createElement("a");
        if (className) {
            a.className = className;
        }

        a.href = href;
        a.target = "_blank";
        a.rel = "noopener";
        a.textContent = label;
        if (ariaLabel) {
            a.setAttribute("aria-label", ariaLabel);
        }

        return a;
    }

    function renderMessage(m) {
        if (m.sessionId !== sessionId) {
            return;
        }

        const id = "m-" + m.id;
        const existing = document.getElementById(id);
        // The author's own view (with "you") wins over the group's view of the same message.
        if (existing && existing.dataset.mine === "true" && !m.mine) {
            return;
        }

        views.set(m.id, m);

        const li = document.createElement("li");
        li.id = id;
        li.className = "room-message";
        li.dataset.mine = m.mine ? "true" : "false";
        const sentUtc = m.sentUtc.endsWith("Z") ? m.sentUtc : m.sentUtc + "Z";
        li.dataset.sent = String(Date.parse(sentUtc));
        if (m.authorKey) {
            li.dataset.author = m.authorKey;
        }

        const head = document.createElement("div");
        head.className = "room-message-head";
        const author = document.createElement("span");
        author.className = "room-message-author fw-semibold";
        author.textContent = m.authorName;
        head.appendChild(author);
        if (m.bylineNote) {
            const note = document.createElement("span");
            note.className = "room-message-note small text-body-secondary";
            note.textContent = " (" + m.bylineNote + ")";
            head.appendChild(note);
        }

        if (m.toFacilitatorsOnly) {
            const badge = document.createElement("span");
            badge.className = "badge text-bg-light border ms-2";
            badge.textContent = "to the facilitators only";
            head.appendChild(badge);
        }

        if (m.hidden) {
            const badge = document.createElement("span");
            badge.className = "badge text-bg-warning ms-2 room-hidden-badge";
            badge.textContent = m.mine && !isFacilitator ? "a facilitator hid this from the group" : "hidden from the group";
            head.appendChild(badge);
        }

        const when = document.createElement("time");
        when.className = "small text-body-secondary ms-2";
        when.dateTime = sentUtc;
        when.textContent = timeFormat.format(new Date(when.dateTime));
        head.appendChild(when);
        li.appendChild(head);

        const body = document.createElement("p");
        body.className = "room-message-text mb-1";
        if (m.withdrawn) {
            body.classList.add("fst-italic", "text-body-secondary");
            body.textContent = "Withdrawn by its author.";
        } else {
            body.textContent = m.text;
        }

        li.appendChild(body);

        if (!m.withdrawn) {
            const actions = document.createElement("div");
            actions.className = "room-message-actions d-flex gap-2";
            if (m.mine) {
                actions.appendChild(button("Withdraw", "btn btn-link btn-sm p-0", () => {
                    if (window.confirm("Withdraw this message? Its text is deleted for everyone.")) {
                        quietly(call("Withdraw", m.id));
                    }
                }));
            }

            if (isFacilitator && !m.mine) {
                actions.appendChild(m.hidden
                    ? button("Show to the group again", "btn btn-link btn-sm p-0", () => quietly(call("Unhide", m.id)))
                    : button("Hide from the group", "btn btn-link btn-sm p-0", () => quietly(call("Hide", m.id))));
                // A safeguarding concern about this message, for the leads (opens beside the room).
                actions.appendChild(newTabLink("Raise a concern", "/Facilitate/Concerns/New/" + m.id, "btn btn-link btn-sm p-0",
                    "Raise a concern about this message, for the safeguarding leads (opens in a new tab)"));
            }

            if (actions.childElementCount > 0) {
                li.appendChild(actions);
            }
        }

        markFloor(li);
        if (existing) {
            // Catching up (after a reconnect or a hidden message) sends every message again: an
            // unchanged one is left alone, so the live region does not read it out a second time.
            if (!existing.isEqualNode(li)) {
                existing.replaceWith(li);
            }
        } else {
            // In time order: a message shown to the group again goes back to where it was said.
            const later = Array.from(messages.children).find((other) => Number(other.dataset.sent) > Number(li.dataset.sent));
            // Follow the conversation only for someone reading its end: never pull a reader away from older messages.
            const following = m.mine || isReadingTheEnd();
            messages.insertBefore(li, later || null);
            if (!later && following) {
                li.scrollIntoView({ block: "nearest" });
            }
        }

        $("messages-empty").hidden = messages.childElementCount > 0;
    }

    function isReadingTheEnd() {
        const listScrolls = messages.scrollHeight > messages.clientHeight + 1;
        return listScrolls
            ? messages.scrollHeight - messages.scrollTop - messages.clientHeight < 120
            : window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 240;
    }

    function markFloor(li) {
        li.classList.toggle("has-floor", !!(state && state.floorKey && li.dataset.author === state.floorKey));
    }

    function removeMessage(messageId) {
        const li = document.getElementById("m-" + messageId);
        if (li && li.dataset.mine !== "true") {
            li.remove();
        }

        $("messages-empty").hidden = messages.childElementCount > 0;
    }

    // ----- state: floor, queue, people, talk time -----

    function renderState(s) {
        if (s.sessionId !== sessionId) {
            return;
        }

        const previousFloor = state && state.floorKey;
        state = s;

        const bannerParts = [];
        if (s.paused) {
            bannerParts.push("The facilitator has paused the room for a moment.");
        }

        if (s.slowModeSeconds > 0) {
            bannerParts.push("Slow mode: one message every " + s.slowModeSeconds + " seconds each.");
        }

        banner.textContent = bannerParts.join(" ");
        banner.hidden = bannerParts.length === 0;

        const floor = $("floor");
        floor.textContent = s.floorKey ? nameOf(s.floorKey) + " has the floor." : "Nobody has the floor.";
        floor.classList.toggle("fw-semibold", !!s.floorKey);
        if (s.floorKey !== previousFloor && s.floorKey && me && s.floorKey === me.key) {
            announce("You have the floor. Take your time, or pass.");
        }

        const queue = $("queue");
        queue.replaceChildren(...s.queue.map((key) => {
            const li = document.createElement("li");
            li.textContent = nameOf(key) + (me && key === me.key ? " (you)" : "");
            if (isFacilitator) {
                li.appendChild(document.createTextNode(" "));
                li.appendChild(button("Give the floor", "btn btn-link btn-sm p-0", () => quietly(call("GiveFloor", key)), "Give the floor to " + nameOf(key)));
            }

            return li;
        }));
        $("queue-empty").hidden = s.queue.length > 0;

        const people = $("people");
        people.replaceChildren(...s.people.map(renderPerson));

        if (isFacilitator) {
            renderTalkTime(s);
            $("slow-mode").value = String(s.slowModeSeconds);
            $("pause").textContent = s.paused ? "Resume the room" : "Pause the room";
        }

        for (const li of messages.children) {
            markFloor(li);
        }

        refreshControls();
    }

    function renderPerson(p) {
        const li = document.createElement("li");
        li.className = "room-person" + (state.floorKey === p.key ? " has-floor" : "");
        const name = document.createElement("span");
        name.textContent = p.name + (me && p.key === me.key ? " (you)" : "");
        li.appendChild(name);
        const notes = [];
        if (p.isFacilitator) {
            notes.push("facilitator");
        }

        if (state.floorKey === p.key) {
            notes.push("has the floor");
        }

        if (p.handRaised) {
            notes.push("hand raised");
        }

        if (p.steppedOut) {
            notes.push("taking a break");
        }

        if (!p.present) {
            notes.push("not connected");
        }

        if (p.muted) {
            notes.push("muted");
        }

        if (p.removed) {
            notes.push("removed");
        }

        if (isFacilitator && p.checkIn != null) {
            notes.push("check-in " + p.checkIn + "/5" + (p.checkOut != null ? ", check-out " + p.checkOut + "/5" : ""));
        }

        if (notes.length > 0) {
            const small = document.createElement("span");
            small.className = "small text-body-secondary";
            small.textContent = " (" + notes.join(", ") + ")";
            li.appendChild(small);
        }

        if (isFacilitator && !p.isFacilitator && !p.removed) {
            const actions = document.createElement("div");
            actions.className = "d-flex flex-wrap gap-2";
            actions.appendChild(button("Give the floor", "btn btn-link btn-sm p-0", () => quietly(call("GiveFloor", p.key)), "Give the floor to " + p.name));
            if (!p.muted) {
                actions.appendChild(button("Mute", "btn btn-link btn-sm p-0", () => {
                    if (window.confirm("Mute " + p.name + " for the rest of this session? They can still read and listen.")) {
                        quietly(call("Mute", p.key));
                    }
                }, "Mute " + p.name));
            }

            actions.appendChild(button("Remove", "btn btn-link btn-sm p-0 text-danger", () => {
                if (window.confirm("Remove " + p.name + " from this session? They won't be able to come back in.")) {
                    quietly(call("Remove", p.key));
                }
            }, "Remove " + p.name));
            // Signposting: send this person chosen help services with a short private note (opens beside the room).
            actions.appendChild(newTabLink("Signpost", "/Facilitate/Signpost/" + root.dataset.groupId + "/" + p.key, "btn btn-link btn-sm p-0",
                "Signpost " + p.name + " to help (opens in a new tab)"));
            li.appendChild(actions);
        }

        return li;
    }

    function renderTalkTime(s) {
        const talkers = s.people.filter((p) => !p.removed);
        const totalCharacters = talkers.reduce((sum, p) => sum + (p.characters || 0), 0);
        const list = $("talk-time");
        list.replaceChildren(...talkers.map((p) => {
            const share = totalCharacters === 0 ? 0 : Math.round(100 * (p.characters || 0) / totalCharacters);
            const li = document.createElement("li");
            li.className = "mb-2";
            const label = document.createElement("div");
            label.className = "small";
            const meterId = "talk-" + p.key;
            const labelElement = document.createElement("label");
            labelElement.htmlFor = meterId;
            labelElement.textContent = p.name + ": " + share + "% (" + (p.messages || 0) + (p.messages === 1 ? " message" : " messages") + ")";
            label.appendChild(labelElement);
            const meter = document.createElement("meter");
            meter.id = meterId;
            meter.className = "room-meter";
            meter.min = 0;
            meter.max = 100;
            meter.value = share;
            meter.high = 50;
            meter.optimum = 20;
            li.append(label, meter);
            return li;
        }));
        const quiet = talkers.filter((p) => !p.isFacilitator && (p.messages || 0) === 0 && p.present);
        $("quiet").textContent = quiet.length === 0 ? "Everyone here has said something." : quiet.map((p) => p.name).join(", ");
    }

    function renderMe(m) {
        if (m.sessionId !== sessionId) {
            return;
        }

        const wasMuted = me && me.muted;
        const wasSteppedOut = !!(me && me.steppedOut);
        me = m;
        steppedOut.hidden = !m.steppedOut;
        roomMain.hidden = m.steppedOut;
        stepOutButton.hidden = m.steppedOut;
        // The button just pressed disappears: keep keyboard and screen reader users where they are.
        if (m.steppedOut && !wasSteppedOut) {
            $("stepped-out-heading").focus();
        } else if (!m.steppedOut && wasSteppedOut) {
            stepOutButton.focus();
        }

        raiseHand.textContent = m.handRaised ? "Lower hand" : "Raise hand";
        if (m.muted && !wasMuted) {
            announce("A facilitator has paused your messages for the rest of this session.");
        }

        refreshControls();
    }

    function refreshControls() {
        const mayWrite = connected && me && !me.muted && !(state && state.paused && !me.isFacilitator);
        for (const element of [text, audience, anonymous, sendButton]) {
            element.disabled = !mayWrite;
        }

        for (const element of [raiseHand, pass, stepOutButton]) {
            element.disabled = !connected || !me;
        }

        // "Pass" is for someone with the floor or a raised hand; otherwise it could only fail.
        pass.disabled = pass.disabled || !(me.handRaised || (state && state.floorKey === me.key));

        if (me && me.muted) {
            composerError.textContent = "A facilitator has paused your messages for the rest of this session. You can still read along.";
        }
    }

    // ----- events from the server -----

    connection.on("Message", renderMessage);
    connection.on("MessageWithdrawn", (sid, messageId) => {
        const li = sid === sessionId && document.getElementById("m-" + messageId);
        if (li) {
            const body = li.querySelector(".room-message-text");
            body.textContent = "Withdrawn by its author.";
            body.classList.add("fst-italic", "text-body-secondary");
            const actions = li.querySelector(".room-message-actions");
            if (actions) {
                actions.remove();
            }
        }
    });
    connection.on("MessageRemoved", (sid, messageId) => {
        if (sid === sessionId) {
            removeMessage(messageId);
        }
    });
    connection.on("MessageHidden", (sid, messageId) => {
        // Only facilitators and the author get this: redraw my view of the message, marked hidden.
        const view = sid === sessionId && views.get(messageId);
        if (view) {
            renderMessage(Object.assign({}, view, { hidden: true }));
        }
    });
    connection.on("State", renderState);
    // Facilitators: someone spoke; only their talk-time counts changed.
    connection.on("Talk", (talk) => {
        const person = talk.sessionId === sessionId && state && state.people.find((p) => p.key === talk.key);
        if (person) {
            person.messages = talk.messages;
            person.characters = talk.characters;
            renderTalkTime(state);
        }
    });
    connection.on("Self", renderMe);
    connection.on("Removed", (sid) => {
        if (sid === sessionId) {
            window.location.reload();
        }
    });
    // My message matched a risk phrase: it was posted; show me, kindly, where to get help right now.
    connection.on("Support", (sid, url) => {
        if (sid === sessionId && typeof url === "string" && url.startsWith("/")) {
            window.location.assign(url);
        }
    });
    // Facilitators: a message here may need attention; the link opens the draft concern beside the room.
    connection.on("Alert", (sid, message, link) => {
        const alerts = document.getElementById("room-alerts");
        if (sid !== sessionId || !alerts || typeof link !== "string" || !link.startsWith("/")) {
            return;
        }

        const item = document.createElement("p");
        item.className = "mb-1";
        item.append(document.createTextNode(message + " "));
        item.appendChild(newTabLink("Open the draft concern (new tab)", link));
        alerts.appendChild(item);
        alerts.hidden = false;
    });
    connection.on("Ended", (sid) => {
        if (sid === sessionId) {
            window.location.reload();
        }
    });

    // ----- the viewer's actions -----

    composer.addEventListener("submit", async (event) => {
        event.preventDefault();
        const value = text.value.trim();
        if (value.length === 0) {
            composerError.textContent = "Write something to send.";
            text.focus();
            return;
        }

        sendButton.disabled = true;
        try {
            const sent = await call("Send", value, audience.value, anonymous.checked ? "Anonymous" : "Pseudonym");
            renderMessage(sent);
            // The text is cleared only once the server has it: nothing typed is lost on a failure.
            text.value = "";
        } catch {
            // composer-error says why; the text stays in the box.
        } finally {
            refreshControls();
            text.focus();
        }
    });

    text.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            composer.requestSubmit();
        }
    });

    raiseHand.addEventListener("click", () => quietly(call(me && me.handRaised ? "LowerHand" : "RaiseHand")));
    pass.addEventListener("click", () => quietly(call("Pass")));
    stepOutButton.addEventListener("click", () => quietly(call("StepOut")));
    $("come-back").addEventListener("click", () => quietly(call("ComeBack")));

    if (isFacilitator) {
        $("slow-mode").addEventListener("change", (event) => quietly(call("SetSlowMode", Number(event.target.value))));
        $("pause").addEventListener("click", () => quietly(call("SetPaused", !(state && state.paused))));
        $("clear-floor").addEventListener("click", () => quietly(call("ClearFloor")));
        const end = $("end-session");
        if (end) {
            end.addEventListener("click", () => {
                if (window.confirm("End the session for everyone? The room closes and attendance is recorded.")) {
                    quietly(call("End"));
                }
            });
        }
    }

    // ----- connecting, and catching up after a dropped connection -----

    async function join() {
        const snapshot = await connection.invoke("Join", sessionId);
        renderMe(snapshot.me);
        renderState(snapshot.state);
        const seen = new Set(snapshot.messages.map((m) => "m-" + m.id));
        for (const li of Array.from(messages.children)) {
            if (!seen.has(li.id)) {
                li.remove();
            }
        }

        for (const m of snapshot.messages) {
            const existing = document.getElementById("m-" + m.id);
            if (existing) {
                existing.dataset.mine = "false";
            }

            renderMessage(m);
        }

        $("messages-empty").hidden = messages.childElementCount > 0;
    }

    async function start() {
        try {
            await connection.start();
            await join();
            setConnected(true, "Connected");
        } catch (error) {
            setConnected(false, "Couldn't connect");
            composerError.textContent = errorText(error);
            window.setTimeout(start, 5000);
        }
    }

    connection.onreconnecting(() => setConnected(false, "Reconnecting…"));
    connection.onreconnected(async () => {
        try {
            await join();
            setConnected(true, "Connected");
            announce("Reconnected. You're up to date.");
        } catch (error) {
            composerError.textContent = errorText(error);
        }
    });
    connection.onclose(() => {
        setConnected(false, "Disconnected");
        window.setTimeout(start, 5000);
    });

    start();
}());
