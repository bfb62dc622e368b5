#!/usr/bin/env python3
"""Writes src/main/resources/fallback/tickets-labelled.csv: the labelled example tickets the fallback
classifier is trained on when the service starts.

Every phrase below was written for Support CRM (no third-party dataset); the file it produces is part of
this repository and under its licence. Examples are combined from hand-written subject lines, problem
statements, details and sentiment-bearing openings/closings, with a fixed random seed, so the file is
reproducible: `python3 src/training/generate_tickets.py` from quimbi-adapter/.
"""
import csv
import random

random.seed(20261126)
PER_CATEGORY = 300

PRODUCTS = ["ceramic mug", "linen duvet cover", "running shoes", "wool sweater", "espresso machine",
            "yoga mat", "leather wallet", "phone case", "desk lamp", "backpack", "rain jacket", "water bottle",
            "cast iron pan", "bluetooth speaker", "face serum", "kids' raincoat", "standing desk", "throw pillow",
            "chef's knife", "sunglasses", "denim jacket", "scented candle", "coffee grinder", "hoodie"]
CARRIERS = ["UPS", "FedEx", "USPS", "DHL", "the courier", "Royal Mail"]
DAYS = ["two days", "three days", "a week", "ten days", "two weeks", "since Monday", "since last Friday"]
MONEY = ["$24.99", "$59.00", "$112.40", "$8.50", "$249.00", "$35.75", "$79.99", "$15.00"]

def order():
    return "#" + str(random.randint(1000, 99999))

CATEGORIES = {
    "billing": {
        "subjects": ["Charged twice for order {o}", "Wrong amount on my card", "Refund not received yet",
                     "Question about my invoice", "Promo code not applied", "Unexpected charge from you",
                     "Payment declined but money taken", "Need a VAT invoice for {o}", "Subscription renewed without notice",
                     "Gift card balance is wrong", "Billing question", "Price changed after checkout"],
        "problems": ["I was charged twice for the same order {o}.", "My card shows a charge of {m} that I don't recognise.",
                     "The refund you promised for {o} has not reached my bank account.",
                     "The discount code SAVE15 was not applied at checkout and I paid full price.",
                     "My payment was declined but the money still left my account.",
                     "My subscription renewed and charged {m} even though I cancelled it.",
                     "I need an invoice with our company VAT number for order {o}.",
                     "The price went up from what the cart showed to {m} when I paid.",
                     "My gift card should have {m} left but it shows zero.",
                     "I was billed for express shipping but chose standard delivery.",
                     "PayPal shows two pending payments for one order.",
                     "Can you explain the extra {m} fee on my statement?",
                     "I returned the item weeks ago and still have not been credited {m}.",
                     "The invoice lists the wrong billing address and tax amount."],
        "details": ["Please refund the duplicate charge.", "Can you check my payment history?",
                    "My bank says the charge came from your store.", "I have attached the bank statement.",
                    "Please send a corrected invoice.", "When will the money be back on my card?",
                    "The card ends in 4421.", "I paid with Apple Pay.", "Please cancel the renewal and refund it.",
                    "Our accounts team needs this by the end of the month."],
    },
    "shipping": {
        "subjects": ["Where is my order {o}?", "Order {o} not delivered", "Tracking hasn't updated",
                     "Package marked delivered but not here", "Delivery delayed", "Change shipping address for {o}",
                     "When will my order ship?", "Parcel stuck in customs", "Wrong delivery address",
                     "Shipping status", "Late delivery", "Order still processing"],
        "problems": ["My order {o} was supposed to arrive {d} ago and it still hasn't come.",
                     "The tracking number from {c} has not updated in {d}.",
                     "{c} says the package was delivered but there is nothing at my door.",
                     "I need to change the shipping address on order {o} before it ships.",
                     "My order has been in processing for {d} and has not shipped yet.",
                     "The parcel has been stuck in customs for {d}.",
                     "I paid for express delivery but the order is still in transit after {d}.",
                     "The {p} I ordered shows as shipped but {c} has no record of it.",
                     "The delivery driver left the package at the wrong house.",
                     "Can you tell me when order {o} will be dispatched?",
                     "Only half of my order arrived, the second parcel never came.",
                     "The tracking link in the shipping email does not work."],
        "details": ["I need it before the weekend.", "Can you contact the courier?", "My neighbours haven't seen it.",
                    "Please send me an updated delivery date.", "It was meant to be a birthday present.",
                    "Can you resend it or refund me?", "The new address is in the same city.",
                    "I checked with the post office already.", "Is there a tracking number I can use?",
                    "I've been waiting {d}."],
    },
    "returns": {
        "subjects": ["Return request for {o}", "How do I return my {p}?", "Exchange for a different size",
                     "Return label not working", "Want to send back my order", "Refund for returned item",
                     "Exchange request", "Item too small", "Return window question", "Return shipping cost"],
        "problems": ["I would like to return the {p} from order {o}.", "The {p} is too small, can I exchange it for a larger size?",
                     "The return label you emailed me will not print.", "I sent my return back {d} ago, when will it be processed?",
                     "How long do I have to return an unused {p}?", "I want to exchange the {p} for a different colour.",
                     "The {p} does not fit and I'd like to send it back.", "Do I have to pay for return shipping?",
                     "I changed my mind about the {p} and want a refund.",
                     "The return portal says my order {o} is not eligible for a return.",
                     "Can I return a gift without the receipt?", "I dropped the return off with {c}, has it arrived?"],
        "details": ["It's unworn with the tags still on.", "I still have the original box.",
                    "Please send a new return label.", "I'd prefer store credit.", "I'd prefer a refund to my card.",
                    "The size guide said medium would fit.", "Can you arrange a pickup?",
                    "I have the drop-off receipt.", "The order number is {o}."],
    },
    "product": {
        "subjects": ["Question about the {p}", "{p} arrived damaged", "Is the {p} dishwasher safe?", "Defective {p}",
                     "Which size should I order?", "{p} stopped working", "Product details", "Missing parts in my {p}",
                     "Is the {p} back in stock?", "Quality problem with the {p}", "Wrong item received"],
        "problems": ["The {p} arrived broken, the box was crushed.", "Is the {p} dishwasher safe?",
                     "My {p} stopped working after {d}.", "The {p} I received is a different colour from the picture.",
                     "Which size of the {p} would fit a 180 cm tall person?", "The {p} is missing a part.",
                     "When will the {p} be back in stock?", "The stitching on my {p} came apart after one wash.",
                     "I received a {p} but I ordered something else.", "What material is the {p} made of?",
                     "Does the {p} come with a warranty?", "The {p} has a scratch on the front.",
                     "Is the {p} suitable for sensitive skin?", "How do I clean the {p}?"],
        "details": ["I've attached photos.", "Can you send a replacement?", "Is this covered by the warranty?",
                    "I followed the care instructions.", "Please let me know the dimensions.",
                    "It was a gift so I'd like a replacement quickly.", "The order number is {o}.",
                    "I'd like to know before I order."],
    },
    "account": {
        "subjects": ["Can't log in", "Reset my password", "Change my email address", "Delete my account",
                     "Account locked", "Update my details", "Unsubscribe from emails", "Two accounts with my email",
                     "Loyalty points missing", "Newsletter preferences"],
        "problems": ["I can't log in to my account, it says my password is wrong.", "The password reset email never arrives.",
                     "I want to change the email address on my account.", "Please delete my account and my data.",
                     "My account got locked after too many attempts.", "How do I update my phone number and address?",
                     "I keep getting marketing emails even though I unsubscribed.",
                     "I seem to have two accounts and my order history is split between them.",
                     "My loyalty points from order {o} are not showing in my account.",
                     "I can't find where to change my communication preferences.",
                     "The verification code sent to my phone doesn't work."],
        "details": ["My username is my email.", "I tried on two browsers.", "Please merge the accounts.",
                    "I no longer use the old email.", "Please confirm when it's done.",
                    "I checked my spam folder.", "This is for GDPR.", "I'd like to keep my order history."],
    },
    "technical": {
        "subjects": ["Checkout page error", "Website not loading", "App keeps crashing", "Error when paying",
                     "Can't add items to cart", "Discount field broken", "Page shows error 500", "Site very slow",
                     "Images not loading", "Bug in the mobile app"],
        "problems": ["The checkout page shows an error when I click pay.", "Your website won't load on my phone.",
                     "The app crashes every time I open my order history.", "I get error 500 when I try to check out.",
                     "I can't add the {p} to my cart, the button does nothing.",
                     "The page freezes after I enter my card details.", "Product images are not loading on the site.",
                     "The site logs me out every few minutes.", "The search bar returns no results for anything.",
                     "The size selector on the {p} page is broken.", "The app shows a blank screen after the update."],
        "details": ["I'm using Chrome on Windows.", "I'm on the latest iPhone app.", "I cleared my cache and cookies.",
                    "I've attached a screenshot of the error.", "It happened three times today.",
                    "My friend has the same problem.", "I tried another card too.", "It worked last week."],
    },
    "general": {
        "subjects": ["Question", "Store opening hours", "Wholesale enquiry", "Feedback", "Do you have a physical shop?",
                     "Partnership proposal", "Thank you!", "Gift wrapping", "Sustainability question", "Job application",
                     "Compliment for your team", "General enquiry"],
        "problems": ["Do you have a shop I can visit in person?", "I'd like to ask about buying wholesale for my boutique.",
                     "Do you offer gift wrapping?", "Are your products made ethically?",
                     "I just wanted to say your team was lovely on the phone.", "What are your customer service hours?",
                     "Do you ship to Canada?", "We'd like to propose a collaboration with your brand.",
                     "Are you hiring for the warehouse?", "Do you have a catalogue I can request?",
                     "Can I buy a gift card for a friend?", "Do you plan to open a store in Berlin?"],
        "details": ["Thanks in advance.", "Looking forward to hearing from you.", "Just curious.",
                    "I love your brand.", "Please send more information.", "No rush at all."],
    },
}

OPENINGS = {
    "negative": ["This is really frustrating.", "I'm very disappointed.", "This is unacceptable.",
                 "I'm extremely annoyed.", "Honestly this is the worst experience I've had.",
                 "I am angry and upset.", "Third time I'm writing about this!", "Terrible service so far.",
                 "I'm fed up with waiting.", "Very unhappy customer here."],
    "neutral": ["Hello,", "Hi there,", "Good morning,", "Hi,", "Hello team,", "Dear support,", "", "", ""],
    "positive": ["Hi! I love your products.", "Hello, thanks for the great service so far.",
                 "Hi, big fan of your store!", "Hello, you've always been very helpful.",
                 "Hi team, thank you for the quick replies last time.", "Hello, really happy with my last order."],
}
CLOSINGS = {
    "negative": ["I want this fixed today or I will dispute the charge.", "If this isn't resolved I'll never order again.",
                 "I expect a refund immediately.", "Nobody has answered my emails.", "This is a waste of my time.",
                 "I'm going to leave a bad review.", "Please escalate this to a manager.", "Awful."],
    "neutral": ["Thanks.", "Regards.", "Thank you.", "Let me know.", "Best,", "Cheers.", ""],
    "positive": ["Thanks so much!", "Really appreciate your help!", "You're wonderful, thank you!",
                 "Keep up the great work!", "Thanks a lot, have a lovely day!", "Much appreciated :)"],
}
SENTIMENT_WEIGHTS = {"billing": (0.5, 0.4, 0.1), "shipping": (0.5, 0.4, 0.1), "returns": (0.3, 0.55, 0.15),
                     "product": (0.45, 0.4, 0.15), "account": (0.3, 0.6, 0.1), "technical": (0.45, 0.45, 0.1),
                     "general": (0.05, 0.55, 0.4)}

def fill(text):
    return text.format(o=order(), p=random.choice(PRODUCTS), c=random.choice(CARRIERS), d=random.choice(DAYS),
                       m=random.choice(MONEY))

rows = []
for category, parts in CATEGORIES.items():
    seen = set()
    while len([r for r in rows if r[0] == category]) < PER_CATEGORY:
        sentiment = random.choices(["negative", "neutral", "positive"], SENTIMENT_WEIGHTS[category])[0]
        pieces = [fill(random.choice(parts["subjects"])) + ".", random.choice(OPENINGS[sentiment]),
                  fill(random.choice(parts["problems"]))]
        if random.random() < 0.7:
            pieces.append(fill(random.choice(parts["details"])))
        pieces.append(random.choice(CLOSINGS[sentiment]))
        text = " ".join(p for p in pieces if p)
        if text in seen:
            continue
        seen.add(text)
        rows.append((category, sentiment, text))

random.shuffle(rows)
with open("src/main/resources/fallback/tickets-labelled.csv", "w", newline="") as f:
    f.write("# Labelled example tickets for the fallback classifier. Written for Support CRM (generated by\n")
    f.write("# src/training/generate_tickets.py from hand-written phrases; no third-party data). Licence: the project's.\n")
    w = csv.writer(f)
    w.writerow(["category", "sentiment", "text"])
    w.writerows(rows)
print(len(rows), "examples")
