// Retail banking support, written by hand for issue 15's evaluation before any model ran on it
// (no public dataset text). Not tuned on: see types.ts for the rules.
import type { Domain } from "./types";

export const banking: Domain = {
  name: "banking",
  intents: [
    {
      name: "lost_card",
      train: [
        "I lost my card",
        "my debit card was stolen",
        "freeze my card",
        "block my credit card",
        "I can't find my bank card",
        "someone took my wallet with my card",
        "I need a replacement card",
        "order a new card",
        "report a stolen card",
        "my card is missing",
      ],
      test: [
        "left my visa in a taxi last night, what do I do",
        "please cancel the card, my purse got snatched",
        "how can I get another card sent to me",
        "pickpocketed this morning and the card was in there",
        "can you lock the card until I find it",
        "I dropped my card somewhere at the mall",
      ],
    },
    {
      name: "card_declined",
      train: [
        "my card was declined",
        "payment refused at the shop",
        "why doesn't my card work",
        "card not accepted online",
        "transaction was rejected",
        "my card keeps getting declined",
        "contactless payment failed",
        "the ATM would not take my card",
        "card declined even though I have money",
      ],
      test: [
        "tried to pay for groceries and the terminal said no",
        "the checkout page won't accept my card number",
        "I have funds but purchases keep bouncing",
        "tap to pay isn't going through",
        "every time I pay with my card it fails",
        "the cash machine refused my card today",
      ],
    },
    {
      name: "check_balance",
      train: [
        "what is my balance",
        "how much money do I have",
        "check my account balance",
        "show my recent transactions",
        "balance enquiry",
        "how much is left in my savings",
        "can I see my statement",
        "view my account activity",
      ],
      test: [
        "how much is in my current account right now",
        "I'd like to know what funds are available",
        "where can I download last month's statement",
        "list the payments that went out this week",
        "what's left in my savings pot",
      ],
    },
    {
      name: "transfer_money",
      train: [
        "I want to transfer money",
        "send money to a friend",
        "make a bank transfer",
        "pay someone by bank transfer",
        "how do I send money abroad",
        "international transfer",
        "move money between my accounts",
        "set up a standing order",
        "my transfer hasn't arrived",
        "what is the transfer limit",
      ],
      test: [
        "how do I wire funds to my sister in Spain",
        "I need to pay my landlord from my account",
        "put 200 from checking into savings",
        "the money I sent yesterday still isn't there",
        "can I schedule a monthly payment to my gym",
        "is there a maximum I can send per day",
      ],
    },
    {
      name: "dispute_transaction",
      train: [
        "I don't recognise a payment",
        "there is a charge I didn't make",
        "dispute a transaction",
        "fraudulent transaction on my account",
        "I was charged twice",
        "unknown payment on my statement",
        "someone used my card without permission",
        "I want a chargeback",
        "the merchant never refunded me",
      ],
      test: [
        "there's a purchase from a shop I've never been to",
        "a strange debit of 49.99 showed up that isn't mine",
        "I think my card details were stolen, there are payments I didn't authorise",
        "the same coffee shop took money from me two times",
        "the seller won't give my money back, can the bank help",
        "how do I challenge a charge on my account",
      ],
    },
    {
      name: "open_account",
      train: [
        "I want to open an account",
        "open a savings account",
        "how do I become a customer",
        "open a joint account",
        "what documents do I need to open an account",
        "can I open an account online",
        "account for my child",
        "student account",
      ],
      test: [
        "I'd like to start banking with you",
        "my partner and I want a shared account",
        "can my teenager get a bank account",
        "what ID do you need for a new account",
        "sign up for a current account",
      ],
    },
    {
      name: "loan_enquiry",
      train: [
        "I want a loan",
        "apply for a personal loan",
        "mortgage rates",
        "how much can I borrow",
        "loan interest rate",
        "can I get a car loan",
        "apply for a mortgage",
        "increase my overdraft",
        "credit limit increase",
      ],
      test: [
        "I need to borrow 10k for a new kitchen",
        "what rate would I pay on a home loan",
        "could you raise the limit on my credit card",
        "thinking of financing a car, what are my options",
        "am I eligible to borrow money from you",
        "can I extend my arranged overdraft",
      ],
    },
    {
      name: "update_details",
      train: [
        "change my address",
        "update my phone number",
        "I moved house",
        "change my email address",
        "update my personal details",
        "I got married and changed my name",
        "wrong address on my account",
      ],
      test: [
        "we relocated last month, please fix my postal address",
        "my mobile number is different now",
        "new surname after the wedding, how do I update it",
        "the email you have for me is old",
        "how do I edit my contact information",
      ],
    },
    {
      name: "online_banking_login",
      train: [
        "I can't log in",
        "forgot my password",
        "the app won't let me sign in",
        "reset my online banking password",
        "locked out of online banking",
        "I didn't get the verification code",
        "the banking app keeps crashing",
        "how do I register for online banking",
      ],
      test: [
        "my login details don't work anymore",
        "too many wrong attempts and now I'm blocked from the app",
        "the one-time passcode text never arrives",
        "mobile app closes as soon as I open it",
        "how do I set up internet banking for the first time",
        "can't remember my passcode for the app",
      ],
    },
    {
      name: "close_account",
      train: [
        "close my account",
        "I want to close my bank account",
        "cancel my account",
        "how do I leave the bank",
        "I'm switching to another bank",
        "close my savings account",
        "delete my account",
      ],
      test: [
        "I no longer want to bank with you, shut it down",
        "moving everything to a different bank, what do I need to do",
        "terminate my current account please",
        "I'd like to end my relationship with the bank",
        "how can I get rid of the savings account I don't use",
      ],
    },
  ],
  articles: [
    {
      id: "lost-stolen-card",
      title: "Lost or stolen card",
      body: `If your card is lost or stolen, freeze it straight away in the app under **Cards > Freeze**, or call us any time on the number on the back of your statement.

## Ordering a replacement

Once the card is reported, order a replacement in the app. It arrives within 5 working days; your PIN stays the same.`,
    },
    {
      id: "card-freeze",
      title: "Freezing and unfreezing your card",
      body: `A frozen card cannot be used for purchases or cash withdrawals, but direct debits keep working.

## Unfreezing

If you find the card again, unfreeze it in the app. Card payments work again immediately.`,
    },
    {
      id: "card-declined",
      title: "Why a card payment is declined",
      body: `Payments are declined when the card is frozen, the PIN was entered wrongly, the daily spending limit is reached, or our fraud checks stop an unusual payment.

## Fraud checks

When we block a payment to protect you, we send a text message. Reply YES to confirm it was you and try the payment again.`,
    },
    {
      id: "spending-limits",
      title: "Daily card limits",
      body: `Cards have a daily limit of 5,000 for purchases and 500 for cash withdrawals.

## Changing your limits

You can lower or raise the limits in the app under **Cards > Limits**, up to the maximum for your account type.`,
    },
    {
      id: "balance-statements",
      title: "Balance and statements",
      body: `Your balance and every transaction appear in the app and in online banking as soon as they are made.

## Downloading statements

Monthly statements are available as PDF under **Accounts > Statements** for the last seven years.`,
    },
    {
      id: "pending-transactions",
      title: "Pending transactions",
      body: `A card payment shows as pending until the merchant collects it, usually within 3 days. Pending amounts already reduce your available balance.

## Hotel and car rental holds

Hotels and rental companies may hold an amount on your card that is released when you check out.`,
    },
    {
      id: "domestic-transfers",
      title: "Sending money in the country",
      body: `Transfers to other accounts in the country arrive within two hours, usually in seconds. You need the recipient's name, account number and sort code.

## Transfer limits

You can send up to 25,000 a day in the app. For larger payments, visit a branch.`,
    },
    {
      id: "international-transfers",
      title: "International payments",
      body: `You can send money abroad in over 30 currencies from the app. We show the exchange rate and fee before you confirm.

## How long it takes

Payments in euros arrive within one working day; other currencies take up to four working days.`,
    },
    {
      id: "standing-orders",
      title: "Standing orders and scheduled payments",
      body: `A standing order pays a fixed amount on a regular date, for example rent every month. Set one up under **Payments > Scheduled**.

## Changing or cancelling

Change or cancel a standing order until the day before it is due.`,
    },
    {
      id: "missing-transfer",
      title: "A transfer has not arrived",
      body: `Check the account number and sort code in the payment details. Most delays happen because a payment is checked by our security team.

## Tracing a payment

If a transfer has not arrived after two working days, ask us to trace it from the payment's details page.`,
    },
    {
      id: "disputes",
      title: "Disputing a card payment",
      body: `If you do not recognise a payment, first check the merchant name in the transaction details: businesses often use a different name.

## Raising a dispute

Tap the payment and choose **Report a problem**. We refund fraudulent payments within 10 working days while we investigate. For a merchant that did not deliver or refund, contact them first, then raise a chargeback with us.`,
    },
    {
      id: "open-account",
      title: "Opening an account",
      body: `You can open a current or savings account in the app in about ten minutes. You must be 18 or over and live in the country.

## Documents you need

We need a passport or driving licence and a recent selfie. Some applicants are asked for proof of address.`,
    },
    {
      id: "joint-child-accounts",
      title: "Joint and children's accounts",
      body: `A joint account can be opened by two adults. Both are invited in the app and each gets their own card.

## Accounts for children

Children from 11 to 17 can have a youth account opened by a parent, with a card and spending controls.`,
    },
    {
      id: "personal-loans",
      title: "Personal loans",
      body: `Borrow from 1,000 to 35,000 over one to seven years. Your rate depends on the amount and your credit history; we show a personal quote without affecting your credit score.

## Applying

Apply in the app under **Borrow**. Most decisions are instant and the money arrives the same day.`,
    },
    {
      id: "mortgages",
      title: "Mortgages",
      body: `We offer fixed-rate mortgages for two, five and ten years. Talk to a mortgage adviser by booking an appointment in the app.

## How much you can borrow

Usually up to four and a half times your yearly income, depending on your outgoings.`,
    },
    {
      id: "overdrafts",
      title: "Overdrafts and credit card limits",
      body: `An arranged overdraft lets you spend more than your balance up to an agreed limit. Interest is charged daily on the overdrawn amount.

## Asking for a higher limit

Request a higher overdraft or credit card limit under **Borrow > Limits**. We check your income and how you use the account.`,
    },
    {
      id: "personal-details",
      title: "Updating your personal details",
      body: `Change your address, phone number or email in the app under **Profile**. We send a confirmation to the old and the new contact details.

## Changing your name

For a new name after marriage or deed poll, upload the certificate in the app; we update your cards within a week.`,
    },
    {
      id: "login-help",
      title: "Trouble signing in",
      body: `If you forgot your password, choose **Forgot password** on the sign-in page and verify yourself with your card details.

## Locked out or no code

After five wrong attempts, access is locked for 24 hours. If the one-time code text does not arrive, check that your phone number is up to date and that you have signal.`,
    },
    {
      id: "app-problems",
      title: "The app is not working",
      body: `Update the app to the latest version and restart your phone. The app needs iOS 16 or Android 10 or later.

## Registering for online banking

To use online banking for the first time, choose **Register**, enter your card number and set a password.`,
    },
    {
      id: "close-account",
      title: "Closing your account",
      body: `You can close an account in the app under **Profile > Close account** once its balance is zero and no payments are pending.

## Switching banks

If you move to another bank with the switching service, your payments and balance are moved for you within seven working days and the account is closed automatically.`,
    },
  ],
  calibration: {
    answerable: [
      { question: "my card got stolen, how do I stop it being used", articleId: "lost-stolen-card" },
      { question: "will a frozen card still pay my direct debits", articleId: "card-freeze" },
      { question: "why was my payment refused at the supermarket", articleId: "card-declined" },
      { question: "what's the most cash I can take out per day", articleId: "spending-limits" },
      { question: "where do I find old statements", articleId: "balance-statements" },
      { question: "the hotel is holding money on my card, when do I get it back", articleId: "pending-transactions" },
      { question: "how fast does a payment to another local account arrive", articleId: "domestic-transfers" },
      { question: "can I send dollars to the US", articleId: "international-transfers" },
      { question: "how do I pay my rent automatically each month", articleId: "standing-orders" },
      { question: "the money I sent has not arrived yet", articleId: "missing-transfer" },
      { question: "there is a payment on my account I don't know", articleId: "disputes" },
      { question: "what do I need to open an account", articleId: "open-account" },
      { question: "how much could I borrow for a house", articleId: "mortgages" },
      { question: "is interest charged when I go overdrawn", articleId: "overdrafts" },
      { question: "I moved, how do I change my address", articleId: "personal-details" },
    ],
    unanswerable: [
      "do you offer safe deposit boxes",
      "can I buy shares or invest in funds through you",
      "what are the branch opening hours on Sunday",
      "do you pay interest on a current account",
      "can I deposit a cheque by taking a photo",
      "is there travel insurance with my card",
      "can I get a loan to buy crypto",
    ],
  },
  test: {
    answerable: [
      { question: "I misplaced my bank card, how do I get a new one", articleId: "lost-stolen-card" },
      { question: "found my card again, how do I turn it back on", articleId: "card-freeze" },
      { question: "I got a text asking if a purchase was me", articleId: "card-declined" },
      { question: "can I raise how much I can spend per day on my card", articleId: "spending-limits" },
      { question: "why is my available balance lower than it should be, some payments are still pending", articleId: "pending-transactions" },
      { question: "what details do I need to pay someone", articleId: "domestic-transfers" },
      { question: "how long do euro payments take to arrive abroad", articleId: "international-transfers" },
      { question: "I want to stop a scheduled payment", articleId: "standing-orders" },
      { question: "can you trace a payment that went missing", articleId: "missing-transfer" },
      { question: "a shop never sent my order and won't refund me", articleId: "disputes" },
      { question: "can my 14 year old have a card", articleId: "joint-child-accounts" },
      { question: "what is the biggest personal loan I can take", articleId: "personal-loans" },
      { question: "I got married, how do I change the name on my card", articleId: "personal-details" },
      { question: "I keep entering the wrong password and now I'm locked out", articleId: "login-help" },
      { question: "how do I close my account", articleId: "close-account" },
    ],
    unanswerable: [
      "do you have a branch at the airport",
      "can I get a business account for my company",
      "what is the exchange rate for Japanese yen today",
      "does the bank sponsor the local football club",
      "can I have a gold card with airport lounge access",
      "how do I become a shareholder of the bank",
      "do you buy back foreign coins",
      "can I pay in cash at the post office",
    ],
  },
};
