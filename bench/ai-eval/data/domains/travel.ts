// An airline and holiday travel agency's support, written by hand for issue 15's evaluation
// before any model ran on it (no public dataset text). Not tuned on: see types.ts for the rules.
import type { Domain } from "./types";

export const travel: Domain = {
  name: "travel",
  intents: [
    {
      name: "book_flight",
      train: [
        "I want to book a flight",
        "book a ticket to London",
        "find me flights to Rome",
        "how much is a flight to Paris",
        "I need a return ticket",
        "book a one-way flight",
        "are there cheap flights in May",
        "reserve two seats on a flight",
        "flights from Berlin to Madrid",
      ],
      test: [
        "looking to fly to Lisbon next weekend",
        "what does it cost to get to Athens by plane",
        "can you get me on the morning plane to Dublin",
        "I'd like tickets for my family to go to Tenerife",
        "any deals on airfare this summer",
        "need to get from Vienna to Oslo on the 3rd",
      ],
    },
    {
      name: "cancel_booking",
      train: [
        "cancel my booking",
        "I want to cancel my flight",
        "cancel my reservation",
        "I can't travel anymore",
        "cancel my hotel booking",
        "how do I cancel my trip",
        "cancel the holiday",
        "I need to cancel a ticket",
      ],
      test: [
        "we won't be going on the trip after all, please call it off",
        "my mother is ill so I have to drop the journey",
        "scrap my reservation for next month",
        "is it possible to undo my booking",
        "I don't want to fly on Friday anymore, cancel it",
      ],
    },
    {
      name: "change_booking",
      train: [
        "change my flight",
        "change the date of my booking",
        "move my flight to another day",
        "I want to fly earlier",
        "change the name on my ticket",
        "rebook my flight",
        "change my return date",
        "switch to a later flight",
      ],
      test: [
        "can I push my departure back by a week",
        "my name is misspelled on the ticket",
        "I'd like to come home two days later",
        "is it possible to take the afternoon flight instead",
        "need to amend the travel dates on my reservation",
      ],
    },
    {
      name: "baggage",
      train: [
        "how much luggage can I take",
        "baggage allowance",
        "my suitcase is lost",
        "add a checked bag",
        "my luggage was damaged",
        "can I bring a carry-on",
        "extra baggage fee",
        "my bag didn't arrive",
        "can I take my golf clubs",
      ],
      test: [
        "what's the weight limit for a hold bag",
        "the airline broke the wheel of my case",
        "my bags never showed up on the belt",
        "I need to add a suitcase to my booking",
        "is a backpack allowed in the cabin for free",
        "how do I bring skis on the plane",
      ],
    },
    {
      name: "check_in",
      train: [
        "how do I check in",
        "online check-in",
        "when does check-in open",
        "I can't check in online",
        "get my boarding pass",
        "check in at the airport",
        "where is my boarding pass",
        "mobile boarding pass",
      ],
      test: [
        "the website won't let me check in for tomorrow",
        "how early can I check in for my flight",
        "can I get the boarding card on my phone",
        "I lost the boarding pass, can I print it again",
        "do I have to go to the desk at the airport",
      ],
    },
    {
      name: "flight_status",
      train: [
        "is my flight on time",
        "flight status",
        "my flight is delayed",
        "was my flight cancelled",
        "what time does my flight leave",
        "which gate does my flight leave from",
        "arrival time of flight",
        "compensation for a delayed flight",
      ],
      test: [
        "is the 7:40 to Madrid running late",
        "the airline called off my flight, what now",
        "we waited four hours at the gate, can we claim money",
        "when will the plane from Rome land",
        "has there been any change to my departure time",
      ],
    },
    {
      name: "refund_status",
      train: [
        "where is my refund",
        "I haven't received my refund",
        "when will I get my money back",
        "refund for a cancelled flight",
        "how long do refunds take",
        "can I get a refund",
        "refund status",
      ],
      test: [
        "you cancelled my trip weeks ago and I'm still waiting for the money",
        "the reimbursement still hasn't shown up on my card",
        "am I entitled to my money back if I don't travel",
        "how many days until the cash comes back to me",
        "any update on paying me back for the hotel",
      ],
    },
    {
      name: "seat_selection",
      train: [
        "choose my seat",
        "I want a window seat",
        "can I sit next to my partner",
        "extra legroom seat",
        "change my seat",
        "seat reservation",
        "aisle seat please",
      ],
      test: [
        "how do I pick where I sit on the plane",
        "can my kids be seated with me",
        "I'm tall, is there a row with more space",
        "I'd rather be by the window",
        "move me to a different seat please",
      ],
    },
    {
      name: "hotel_booking",
      train: [
        "book a hotel",
        "I need a room in Barcelona",
        "hotel reservation",
        "add a hotel to my trip",
        "is breakfast included at the hotel",
        "find me accommodation",
        "book a room for three nights",
        "late check-out at the hotel",
      ],
      test: [
        "looking for somewhere to stay in Prague",
        "does my room come with a morning meal",
        "can I keep the room until the evening",
        "we need a place to sleep near the airport",
        "add two nights of accommodation to the package",
      ],
    },
    {
      name: "travel_documents",
      train: [
        "do I need a visa",
        "passport requirements",
        "my passport expires soon, can I travel",
        "what documents do I need",
        "can I travel with an ID card",
        "visa for the USA",
        "do children need a passport",
      ],
      test: [
        "is an identity card enough to fly to Spain",
        "my passport runs out in two months, is that a problem",
        "what paperwork does my baby need to fly",
        "do Americans need an entry permit for Turkey",
        "which papers should I bring to the airport",
      ],
    },
  ],
  articles: [
    {
      id: "booking-flights",
      title: "Booking a flight",
      body: `Search flights on our website or app by entering where you fly from, where to and your dates. Prices include taxes and one cabin bag.

## Fares

Light fares are the cheapest and cannot be changed. Flex fares can be changed without a fee.`,
    },
    {
      id: "cancel-flight",
      title: "Cancelling a flight",
      body: `Cancel a flight in **My trips** up to two hours before departure. Flex fares are refunded in full; Light fares refund only the taxes.

## Cancelling a package holiday

A package with a hotel can be cancelled free of charge until 30 days before departure. After that, a cancellation fee applies.`,
    },
    {
      id: "change-flight",
      title: "Changing your flight",
      body: `Change the date or time of a flight in **My trips**. Flex fares change for free; on other fares you pay a change fee of 50 plus any difference in price.

## Correcting a name

Spelling mistakes of up to three letters in a passenger's name are corrected free of charge. A ticket cannot be transferred to another person.`,
    },
    {
      id: "baggage-allowance",
      title: "Baggage allowance",
      body: `Every ticket includes one cabin bag of up to 8 kg and 55 x 40 x 20 cm, plus a small personal item such as a handbag or laptop bag.

## Checked baggage

Checked bags weigh up to 23 kg. Add one in **My trips** before check-in; it costs less online than at the airport.`,
    },
    {
      id: "sports-equipment",
      title: "Sports equipment and special baggage",
      body: `Skis, golf bags and bicycles travel as special baggage and must be booked at least 48 hours before departure.

## Musical instruments

Small instruments fit in the cabin. A large instrument needs its own seat.`,
    },
    {
      id: "lost-damaged-baggage",
      title: "Lost or damaged baggage",
      body: `If your bag does not arrive, report it at the baggage desk in the arrivals hall before you leave the airport and keep the reference number.

## Damaged bags

Report damage within 7 days with photos in our online form. We repair or replace the bag or pay its value.`,
    },
    {
      id: "online-check-in",
      title: "Online check-in",
      body: `Online check-in opens 30 hours and closes 2 hours before departure. Your boarding pass is sent to the app and by email.

## When online check-in is not possible

Passengers with special assistance, pets or some destinations must check in at the airport desk, which opens 3 hours before departure.`,
    },
    {
      id: "boarding-pass",
      title: "Boarding passes",
      body: `Show your boarding pass in the app or print it at home. A mobile boarding pass works at every airport we fly to.

## Lost boarding pass

Download it again from **My trips** at any time, or print it at the self-service kiosks at the airport.`,
    },
    {
      id: "delays-cancellations",
      title: "Delays and cancellations",
      body: `We send a text message and email when your flight is delayed or cancelled. See the current status of any flight in the app under **Flight status**.

## If we cancel your flight

You can choose a free rebooking on another flight or a full refund.`,
    },
    {
      id: "delay-compensation",
      title: "Compensation for delays",
      body: `If you arrive more than three hours late for a reason within our control, you may be entitled to compensation of 250 to 600 depending on the distance.

## Claiming

Claim in our online form with your booking reference. Weather and air traffic control strikes do not give a right to compensation.`,
    },
    {
      id: "refunds",
      title: "Refunds",
      body: `Refunds go back to the card you paid with within 7 working days. Your bank may need a few more days to show it.

## Refund not received

If 14 days have passed, send us your booking reference and the refund confirmation email through the contact form.`,
    },
    {
      id: "seat-selection",
      title: "Choosing your seat",
      body: `Choose your seat in **My trips** from booking until check-in. Standard seats cost from 5; seats with extra legroom cost from 15.

## Sitting together

Children under 12 are always seated next to an adult on the booking at no charge. Otherwise, a free seat is assigned at check-in.`,
    },
    {
      id: "hotels",
      title: "Booking a hotel",
      body: `Add a hotel to your flight in **My trips** or book it on its own. Each hotel page shows whether breakfast is included.

## Check-in and check-out times

Rooms are usually ready from 3 pm and must be left by 11 am. Ask the hotel about a late check-out; it may cost extra.`,
    },
    {
      id: "passports-visas",
      title: "Passports and visas",
      body: `You are responsible for your travel documents. Many countries require your passport to be valid for six months after your return.

## Visas

Check the entry rules of your destination on its embassy's website before you book. We cannot issue visas.`,
    },
    {
      id: "id-cards-children",
      title: "ID cards and documents for children",
      body: `Citizens of the EU can fly within the Schengen area with a national identity card.

## Children and babies

Every child, including babies, needs their own passport or identity card.`,
    },
    {
      id: "special-assistance",
      title: "Special assistance",
      body: `Passengers with reduced mobility can request free assistance at the airport and on board. Request it at least 48 hours before departure in **My trips**.

## Wheelchairs

We carry up to two mobility aids free of charge.`,
    },
    {
      id: "travelling-with-pets",
      title: "Travelling with pets",
      body: `Small cats and dogs up to 8 kg including their carrier can travel in the cabin. Book the pet at least 48 hours before departure; the fee is 60 per flight.

## Assistance dogs

Recognised assistance dogs fly free of charge in the cabin.`,
    },
    {
      id: "pregnancy",
      title: "Flying while pregnant",
      body: `You can fly until the end of the 27th week without a certificate. From week 28 you need a letter from your doctor.

## After week 36

We cannot carry passengers after the 36th week of pregnancy.`,
    },
    {
      id: "travel-insurance",
      title: "Travel insurance",
      body: `Add travel insurance when you book or in **My trips** up to the day before departure. It covers cancellation for illness, medical costs abroad and lost baggage.

## Making a claim

Claims go directly to our insurance partner through the link in your policy email.`,
    },
    {
      id: "payment-methods",
      title: "Paying for your booking",
      body: `We accept credit and debit cards, PayPal and bank transfer for bookings made more than 14 days before departure.

## Paying in instalments

Package holidays over 500 can be paid in three instalments; the last is due 30 days before departure.`,
    },
  ],
  calibration: {
    answerable: [
      { question: "what's the difference between a Light and a Flex fare", articleId: "booking-flights" },
      { question: "how late can I cancel my flight", articleId: "cancel-flight" },
      { question: "how much does it cost to change the date of my flight", articleId: "change-flight" },
      { question: "how heavy can my cabin bag be", articleId: "baggage-allowance" },
      { question: "can I bring my bike", articleId: "sports-equipment" },
      { question: "my suitcase didn't come off the plane", articleId: "lost-damaged-baggage" },
      { question: "when does online check-in open", articleId: "online-check-in" },
      { question: "do I need to print my boarding pass", articleId: "boarding-pass" },
      { question: "how do I find out if my flight is delayed", articleId: "delays-cancellations" },
      { question: "my flight was four hours late, can I get compensation", articleId: "delay-compensation" },
      { question: "how long until my refund arrives", articleId: "refunds" },
      { question: "how much is an extra legroom seat", articleId: "seat-selection" },
      { question: "what time can I check into the hotel", articleId: "hotels" },
      { question: "can my dog fly with me", articleId: "travelling-with-pets" },
      { question: "I'm 30 weeks pregnant, can I fly", articleId: "pregnancy" },
    ],
    unanswerable: [
      "do you fly to Australia",
      "can I earn air miles on my flights",
      "is there wifi on board",
      "can I smoke an e-cigarette on the plane",
      "do you sell gift vouchers",
      "what meals are served on long flights",
      "can I bring my own food through security",
    ],
  },
  test: {
    answerable: [
      { question: "are taxes included in the ticket price", articleId: "booking-flights" },
      { question: "what happens if I cancel my package holiday two weeks before", articleId: "cancel-flight" },
      { question: "can I give my ticket to my friend", articleId: "change-flight" },
      { question: "what is the weight limit for checked luggage", articleId: "baggage-allowance" },
      { question: "the handle of my case was broken when I collected it", articleId: "lost-damaged-baggage" },
      { question: "I use a wheelchair, can someone help me at the airport", articleId: "special-assistance" },
      { question: "can I print my boarding card at the airport", articleId: "boarding-pass" },
      { question: "the airline cancelled my flight, can I get my money back or another flight", articleId: "delays-cancellations" },
      { question: "it has been three weeks and no refund", articleId: "refunds" },
      { question: "will my 5 year old sit next to me", articleId: "seat-selection" },
      { question: "does the hotel include breakfast", articleId: "hotels" },
      { question: "how long must my passport be valid", articleId: "passports-visas" },
      { question: "does a newborn need its own passport", articleId: "id-cards-children" },
      { question: "what does the travel insurance cover", articleId: "travel-insurance" },
      { question: "can I pay for the holiday in parts", articleId: "payment-methods" },
    ],
    unanswerable: [
      "do you have a lounge at Frankfurt airport",
      "can I bring a drone in my luggage",
      "how do I join your frequent flyer club",
      "are there charging sockets at the seats",
      "can I rent a car through you",
      "do you offer student discounts",
      "is there a shuttle bus from the airport to the city",
      "can I bring my own car seat for the baby",
    ],
  },
};
