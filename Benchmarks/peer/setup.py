# Creates the staff account, its API token and one queue; prints the token.
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from helpdesk.models import Queue
u = User.objects.create_superuser("bench", "bench@example.invalid", "bench-password")
Queue.objects.create(title="Requests", slug="requests")
print(Token.objects.create(user=u).key)
