// Reads an iCalendar file from stdin with Mozilla's ical.js and prints what a calendar sees as JSON.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;
const calendar = new ICAL.Component(ICAL.parse(text));
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    sequence: event.sequence,
    dtstamp: vevent.getFirstPropertyValue("dtstamp").toString(),
    start: event.startDate.toJSDate().toISOString(),
    status: vevent.getFirstPropertyValue("status"),
    summary: event.summary,
  };
});
console.log(JSON.stringify({ method: calendar.getFirstPropertyValue("method"), events }));
